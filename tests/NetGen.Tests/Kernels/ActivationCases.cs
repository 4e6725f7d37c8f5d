using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using NetGen.Kernels;
using Xunit;

namespace NetGen.Tests.Kernels;

/// <summary>
/// One activation operator under test with its float64 reference: the function <c>f(z)</c> written from the
/// definition with <see cref="Math"/>, and the analytic <c>f'(z)</c> at <c>z</c> (for BinaryStep, the documented
/// straight-through 1). Wraps the generic struct so that theories can enumerate operators by name.
/// </summary>
public abstract class ActivationCase
{
    protected ActivationCase(string name, Func<double, double> function, Func<double, double> derivative, bool differentiable, double[] kinks)
    {
        Name = name;
        Function = function;
        ReferenceDerivative = derivative;
        Differentiable = differentiable;
        Kinks = kinks;
    }

    public string Name { get; }

    /// <summary><c>f(z)</c> in float64.</summary>
    public Func<double, double> Function { get; }

    /// <summary>The analytic <c>f'(z)</c> in float64, with PyTorch's value at a kink.</summary>
    public Func<double, double> ReferenceDerivative { get; }

    /// <summary>False where the derivative is a surrogate that finite differences cannot confirm.</summary>
    public bool Differentiable { get; }

    /// <summary>Inputs near which central differences straddle a kink or a branch switch.</summary>
    public double[] Kinks { get; }

    public abstract void Forward(Span<float> values);

    /// <summary><see cref="ActivationLoops.Backward{TActivation}"/> with this operator.</summary>
    public abstract void Backward(ReadOnlySpan<float> outputs, Span<float> gradients);

    public abstract float Derivative(float y);

    public abstract Vector<float> Derivative(Vector<float> y);

    /// <summary>Central differences of <see cref="Function"/> at <paramref name="z"/>, in float64.</summary>
    public double FiniteDifference(double z)
    {
        double h = 1e-5 * Math.Max(1, Math.Abs(z));
        return (Function(z + h) - Function(z - h)) / (2 * h);
    }

    public override string ToString() => Name;
}

/// <inheritdoc/>
public sealed class ActivationCase<TActivation>(
    string name, TActivation activation, Func<double, double> function, Func<double, double> derivative, bool differentiable, params double[] kinks)
    : ActivationCase(name, function, derivative, differentiable, kinks)
    where TActivation : struct, IActivationOperator
{
    public TActivation Activation { get; } = activation;

    public override void Forward(Span<float> values) => Activation.Forward(values);

    public override void Backward(ReadOnlySpan<float> outputs, Span<float> gradients) => ActivationLoops.Backward(Activation, outputs, gradients);

    public override float Derivative(float y) => Activation.Derivative(y);

    public override Vector<float> Derivative(Vector<float> y) => Activation.Derivative(y);
}

/// <summary>The operators under test, by name, and their float64 references.</summary>
public static class ActivationCases
{
    private static readonly Dictionary<string, ActivationCase> All = new();

    static ActivationCases()
    {
        foreach (ActivationCase c in new[]
        {
            BinaryStep(), ArcTan(),
            LeakyReLU(LeakyReLUOperator.DefaultSlope), LeakyReLU(0.2f), LeakyReLU(0f), LeakyReLU(3f),
            ELU(ELUOperator.DefaultAlpha), ELU(0.5f), ELU(0f),
            SoftPlus(SoftPlusOperator.DefaultBeta), SoftPlus(2f), SoftPlus(0.5f),
        })
        {
            All.Add(c.Name, c);
        }
    }

    public static TheoryData<string> Names => new(All.Keys);

    public static ActivationCase Get(string name) => All[name];

    public static ActivationCase BinaryStep() =>
        new ActivationCase<BinaryStepOperator>("BinaryStep", new BinaryStepOperator(), z => z >= 0 ? 1 : 0, _ => 1, differentiable: false);

    public static ActivationCase ArcTan() =>
        new ActivationCase<ArcTanOperator>("ArcTan", new ArcTanOperator(), Math.Atan, z => 1 / (1 + z * z), differentiable: true);

    public static ActivationCase LeakyReLU(float slope)
    {
        double s = slope;
        return new ActivationCase<LeakyReLUOperator>(
            $"LeakyReLU({slope.ToString(CultureInfo.InvariantCulture)})", new LeakyReLUOperator(slope), z => z > 0 ? z : s * z, z => z > 0 ? 1 : s, true, 0);
    }

    public static ActivationCase ELU(float alpha)
    {
        double a = alpha;
        return new ActivationCase<ELUOperator>(
            $"ELU({alpha.ToString(CultureInfo.InvariantCulture)})", new ELUOperator(alpha), z => z > 0 ? z : a * ExpM1(z), z => z > 0 ? 1 : a * Math.Exp(z), true, 0);
    }

    public static ActivationCase SoftPlus(float beta)
    {
        double b = beta, threshold = SoftPlusOperator.Threshold;
        return new ActivationCase<SoftPlusOperator>(
            $"SoftPlus({beta.ToString(CultureInfo.InvariantCulture)})", new SoftPlusOperator(beta),
            z => b * z > threshold ? z : Log1P(Math.Exp(b * z)) / b,
            z => b * z > threshold ? 1 : 1 / (1 + Math.Exp(-b * z)),
            true, threshold / b);
    }

    /// <summary><c>exp(x) - 1</c> in float64: a Taylor polynomial near 0, the plain difference elsewhere.</summary>
    public static double ExpM1(double x) => Math.Abs(x) < 1e-4 ? x * (1 + x / 2 * (1 + x / 3)) : Math.Exp(x) - 1;

    /// <summary><c>log(1 + u)</c> in float64: a Taylor polynomial for tiny u, the plain sum elsewhere.</summary>
    public static double Log1P(double u) => u < 1e-4 ? u * (1 - u * (0.5 - u / 3)) : Math.Log(1 + u);
}
