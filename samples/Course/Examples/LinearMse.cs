using System;
using System.IO;
using NetGen;
using NetGen.Optimizers;
using static System.FormattableString;

namespace Course.Examples;

/// <summary>A straight line y = w x + b: one input, one linear output; PyTorch's mean squared error.</summary>
[Network(Loss = Loss.MSE)]
[Input(1)]
[Dense(1)]
public partial class LineModel { }

/// <summary>The cost of the starting line in both conventions, its gradient, and where gradient descent ends.</summary>
public sealed record LinearMseResult(
    float MeanSquaredError, float CourseCost, float GradientW, float GradientB, float W, float B, int Steps);

/// <summary>
/// The course's regression example: data y = 2x + 4 for x = 1..8, the guess w = 3, b = 2. The course's cost is
/// J = (1/2n) sum (y_hat - y)^2; NetGen's <c>Loss.MSE</c>, like <c>nn.MSELoss()</c>, is the mean (1/n) sum, twice
/// as large, and so is its gradient. Then plain gradient descent walks to w = 2, b = 4.
/// </summary>
public static class LinearMse
{
    public const string Name = "linear-mse";

    public static LinearMseResult Run(TextWriter output, CourseOptions options)
    {
        float[] x = [1, 2, 3, 4, 5, 6, 7, 8];
        float[] y = new float[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = 2 * x[i] + 4;
        }

        var line = new LineModel([3f, 2f]); // parameters: w, then b
        float[] prediction = new float[x.Length];
        line.Forward(x, prediction);
        output.WriteLine("  x    y   y_hat = 3x + 2   error   error^2");
        for (int i = 0; i < x.Length; i++)
        {
            float error = prediction[i] - y[i];
            output.WriteLine(Invariant($"{x[i],3} {y[i],4} {prediction[i],10} {error,12} {error * error,8}"));
        }

        // The errors are x - 2 = -1, 0, 1, ..., 6; their squares sum to 92.
        // Mean (PyTorch, NetGen): 92 / 8 = 11.5. Course, 1/(2n): 92 / 16 = 5.75.
        // dMSE/dw = (2/n) sum (x - 2) x = (2/8) * 132 = 33; dMSE/db = (2/8) * 20 = 5. The course's J has half of each.
        float mse = line.ComputeGradients(x, y);
        float dw = line.Gradients[0], db = line.Gradients[1];
        output.WriteLine(Invariant($"mean squared error (nn.MSELoss, Loss.MSE): {mse}   course's cost J = MSE / 2: {mse / 2}"));
        output.WriteLine(Invariant($"gradient of the MSE: dw = {dw}, db = {db}   (of J: {dw / 2}, {db / 2})"));

        // Gradient descent on the MSE. Its curvature along w is 2 * mean(x^2) = 51, so steps must stay below 2/51 or
        // it diverges; along the valley it is only about 0.4, hence the many steps.
        int steps = options.Epochs ?? 2000;
        var sgd = new Sgd(learningRate: 0.02f);
        float loss = mse;
        for (int step = 1; step <= steps; step++)
        {
            loss = line.ComputeGradients(x, y);
            sgd.Step(line.Parameters, line.Gradients);
            if (step % 250 == 0 || step == steps)
            {
                output.WriteLine(Invariant($"step {step,5}: w = {line.Parameters[0]:F4}, b = {line.Parameters[1]:F4}, MSE before the step {loss:G4}"));
            }
        }

        output.WriteLine(Invariant($"gradient descent (learning rate 0.02, {steps} steps): w = {line.Parameters[0]:F4}, b = {line.Parameters[1]:F4}"));
        return new LinearMseResult(mse, mse / 2, dw, db, line.Parameters[0], line.Parameters[1], steps);
    }
}
