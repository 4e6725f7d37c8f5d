using System;
using System.IO;
using System.Linq;
using Course;
using Course.Examples;
using Xunit;

namespace NetGen.Tests.CourseExamples;

/// <summary>linear-mse, sigmoid-chain-rule and tf-line-fit against numbers worked out by hand or in double.</summary>
public class GradientExamplesTests
{
    [Fact]
    public void LinearMse_CostAndGradientOfTheStartingLine_ThenGradientDescentFindsTwoAndFour()
    {
        // y = 2x + 4 and y_hat = 3x + 2 for x = 1..8: errors y_hat - y = x - 2 = -1, 0, 1, 2, 3, 4, 5, 6.
        // Squares: 1 + 0 + 1 + 4 + 9 + 16 + 25 + 36 = 92. Mean: 92 / 8 = 11.5; the course's 1/(2n): 92 / 16 = 5.75.
        // dMSE/dw = (2/8) sum (x - 2) x = (2/8)(204 - 72) = 33; dMSE/db = (2/8) sum (x - 2) = (2/8)(36 - 16) = 5.
        LinearMseResult result = LinearMse.Run(TextWriter.Null, new CourseOptions());

        Assert.Equal(11.5f, result.MeanSquaredError, 5);
        Assert.Equal(5.75f, result.CourseCost, 5);
        Assert.Equal(33f, result.GradientW, 4);
        Assert.Equal(5f, result.GradientB, 4);
        Assert.Equal(2f, result.W, 3);
        Assert.Equal(4f, result.B, 3);
    }

    [Fact]
    public void SigmoidChainRule_MatchesFiniteDifferencesInDouble()
    {
        SigmoidResult result = SigmoidChainRule.Run(TextWriter.Null, new CourseOptions());

        // f(w, x) = sigma(w0 x0 + w1 x1 + w2) at w = (2, -3, -3), x = (-1, -2): z = -2 + 6 - 3 = 1.
        double[] w = [2, -3, -3], x = [-1, -2];
        double F(double[] w, double[] x) => 1 / (1 + Math.Exp(-(w[0] * x[0] + w[1] * x[1] + w[2])));
        double sigma1 = 1 / (1 + Math.Exp(-1)); // 0.7310585786
        Assert.Equal(sigma1, F(w, x), 12);
        Assert.Equal(sigma1, result.Output, 6);

        // Central differences in double, h = 1e-6: truncation error ~ h^2 |f'''| / 6, far below the float tolerance.
        const double h = 1e-6;
        double Difference(double[] v, int k, Func<double> f)
        {
            double saved = v[k];
            v[k] = saved + h;
            double plus = f();
            v[k] = saved - h;
            double minus = f();
            v[k] = saved;
            return (plus - minus) / (2 * h);
        }

        for (int k = 0; k < 3; k++)
        {
            double expected = Difference(w, k, () => F(w, x));
            Assert.True(Math.Abs(result.ParameterGradients[k] - expected) < 1e-6, $"df/dw{k}: {result.ParameterGradients[k]} vs {expected}");
            Assert.True(Math.Abs(result.ParameterDifferences[k] - expected) < 1e-4, $"float FD df/dw{k}: {result.ParameterDifferences[k]} vs {expected}");
        }

        for (int k = 0; k < 2; k++)
        {
            double expected = Difference(x, k, () => F(w, x));
            Assert.True(Math.Abs(result.InputGradients[k] - expected) < 1e-6, $"df/dx{k}: {result.InputGradients[k]} vs {expected}");
            Assert.True(Math.Abs(result.InputDifferences[k] - expected) < 1e-4, $"float FD df/dx{k}: {result.InputDifferences[k]} vs {expected}");
        }

        // df/dw0 = x0 sigma'(1) = -sigma(1)(1 - sigma(1)) = -0.19661; the course's rounded factors: -0.53 * 0.37 = -0.1961.
        Assert.Equal(-sigma1 * (1 - sigma1), result.ParameterGradients[0], 6);
        Assert.Equal(-0.1961, result.CourseRoundedProduct, 10);
        Assert.Equal(-0.20, Math.Round(result.ParameterGradients[0], 2));
    }

    [Fact]
    public void TfLineFit_LearnsPointOneAndPointThree()
    {
        TfLineFitResult result = TfLineFit.Run(TextWriter.Null, new CourseOptions());

        // 201 steps, printed every 20: steps 0, 20, ..., 200.
        Assert.Equal(Enumerable.Range(0, 11).Select(i => 20 * i), result.Log.Select(s => s.Step));
        Assert.Equal(0.1f, result.W, 3);
        Assert.Equal(0.3f, result.B, 3);
        Assert.True(result.Loss < 1e-8f, $"final loss {result.Loss}");
    }
}
