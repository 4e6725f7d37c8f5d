using System;
using System.Text.Json;
using NetGen.Optimizers;
using Xunit;

namespace NetGen.Tests.Optimizers;

/// <summary>
/// Every optimizer and option, eight steps against PyTorch's own trajectory (float64 reference, float32 code).
/// </summary>
public class ReferenceTrajectoryTests
{
    // Eight float32 steps from values of order 1: a few ulps (1.2e-7 at 1) per step; the largest error seen is 5.4e-7
    // (rmsprop_momentum_weight_decay). A wrong formula (AMSGrad without its maximum, RMSprop not centered, Adagrad's
    // decay off by one step) moves a parameter by 5e-4 or more.
    private const double Tolerance = 5e-6;

    [Theory]
    [MemberData(nameof(OptimizerReference.CaseNames), MemberType = typeof(OptimizerReference))]
    public void MatchesPyTorch(string name)
    {
        JsonElement testCase = OptimizerReference.Case(name);
        IOptimizer optimizer = OptimizerReference.Create(testCase);
        float[] parameters = OptimizerReference.Initial;
        float[][] gradients = OptimizerReference.Gradients;
        JsonElement trajectory = testCase.GetProperty("trajectory");
        Assert.Equal(gradients.Length, trajectory.GetArrayLength());

        for (int step = 0; step < gradients.Length; step++)
        {
            optimizer.Step(parameters, gradients[step]);
            double[] expected = OptimizerReference.ToDoubles(trajectory[step]);
            for (int i = 0; i < parameters.Length; i++)
            {
                double error = Math.Abs(parameters[i] - expected[i]);
                Assert.True(
                    error <= Tolerance * Math.Max(1.0, Math.Abs(expected[i])),
                    $"{name}, step {step + 1}, parameter {i}: expected {expected[i]:R}, got {parameters[i]:R} (error {error:E2}).");
            }
        }

        Assert.Equal(gradients.Length, optimizer.StepCount);
    }

    [Fact]
    public void Fixture_CoversEveryOptimizerAndOption()
    {
        string[] expected =
        [
            "sgd", "sgd_momentum", "sgd_dampening_weight_decay", "sgd_nesterov_weight_decay",
            "adagrad_defaults", "adagrad_options",
            "adadelta_defaults", "adadelta_options",
            "rmsprop_defaults", "rmsprop_momentum_weight_decay", "rmsprop_centered", "rmsprop_centered_momentum",
            "adam_defaults", "adam_options", "adam_amsgrad", "adam_amsgrad_weight_decay",
            "adamw_defaults", "adamw_options", "adamw_amsgrad",
        ];
        foreach (string name in expected)
        {
            Assert.Contains(name, OptimizerReference.Names("cases"));
        }

        Assert.True(OptimizerReference.Gradients.Length >= 5);
    }
}
