using System.Collections.Generic;
using System.IO;
using NetGen;
using NetGen.Optimizers;
using static System.FormattableString;

namespace Course.Examples;

/// <summary>y = W x + b, fitted by the mean squared error (TensorFlow's <c>reduce_mean(square(y - y_data))</c>).</summary>
[Network(Loss = Loss.MSE)]
[Input(1)]
[Dense(1)]
public partial class TfLine { }

/// <summary>One printed line of the fit.</summary>
public readonly record struct LineFitStep(int Step, float W, float B);

/// <summary>The printed steps, the final W and b, and the last loss.</summary>
public sealed record TfLineFitResult(IReadOnlyList<LineFitStep> Log, float W, float B, float Loss);

/// <summary>
/// TensorFlow's first example: 100 random x in [0, 1), y = 0.1 x + 0.3; W uniform in [-1, 1], b = 0; plain gradient
/// descent with learning rate 0.5 for 201 steps, printing step, W, b every 20 steps. It learns W = 0.1, b = 0.3.
/// </summary>
public static class TfLineFit
{
    public const string Name = "tf-line-fit";

    public static TfLineFitResult Run(TextWriter output, CourseOptions options)
    {
        var random = new SeededRandom(2015);
        float[] x = new float[100], y = new float[100];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = random.NextSingle();
            y[i] = 0.1f * x[i] + 0.3f;
        }

        var line = new TfLine([random.NextSymmetric(1f), 0f]); // W = tf.random_uniform([1], -1, 1), b = tf.zeros([1])
        var gradientDescent = new Sgd(learningRate: 0.5f);
        var log = new List<LineFitStep>();
        float loss = 0;
        int steps = options.Epochs ?? 201;
        for (int step = 0; step < steps; step++)
        {
            loss = line.ComputeGradients(x, y); // the whole batch of 100 points, every step
            gradientDescent.Step(line.Parameters, line.Gradients);
            if (step % 20 == 0)
            {
                log.Add(new LineFitStep(step, line.Parameters[0], line.Parameters[1]));
                output.WriteLine(Invariant($"{step,3} [{line.Parameters[0]:F6}] [{line.Parameters[1]:F6}]"));
            }
        }

        output.WriteLine(Invariant($"learned W = {line.Parameters[0]:F4}, b = {line.Parameters[1]:F4} (the data: 0.1, 0.3); last loss {loss:E2}"));
        return new TfLineFitResult(log, line.Parameters[0], line.Parameters[1], loss);
    }
}
