using ILGPU.Algorithms;

namespace NetGen.Gpu.Kernels;

/// <summary>
/// An element-wise activation as device code: the forward function of the pre-activation, and its derivative written in
/// terms of the output <c>y</c>, as the CPU operators in <c>NetGen.Kernels</c> do. Implemented by small readonly structs
/// passed as generic type arguments, so ILGPU specialises and inlines every call.
/// </summary>
public interface IGpuActivation
{
    /// <summary>The activation of a pre-activation <paramref name="x"/>.</summary>
    float Apply(float x);

    /// <summary>The derivative at the point whose output is <paramref name="y"/>.</summary>
    float Derivative(float y);
}

/// <summary>f(x) = x.</summary>
public readonly struct GpuIdentity : IGpuActivation
{
    /// <inheritdoc />
    public float Apply(float x) => x;

    /// <inheritdoc />
    public float Derivative(float y) => 1f;
}

/// <summary>f(x) = max(0, x); f'(y) = 1 where y &gt; 0.</summary>
public readonly struct GpuReLU : IGpuActivation
{
    /// <inheritdoc />
    public float Apply(float x) => x > 0f ? x : 0f;

    /// <inheritdoc />
    public float Derivative(float y) => y > 0f ? 1f : 0f;
}

/// <summary>f(x) = 1 / (1 + e^-x); f'(y) = y (1 - y).</summary>
public readonly struct GpuSigmoid : IGpuActivation
{
    /// <inheritdoc />
    public float Apply(float x) => 1f / (1f + XMath.Exp(-x));

    /// <inheritdoc />
    public float Derivative(float y) => y * (1f - y);
}

/// <summary>f(x) = tanh x; f'(y) = 1 - y².</summary>
public readonly struct GpuTanh : IGpuActivation
{
    /// <inheritdoc />
    public float Apply(float x) => XMath.Tanh(x);

    /// <inheritdoc />
    public float Derivative(float y) => 1f - y * y;
}

/// <summary>f(x) = x for x &gt; 0, else slope · x.</summary>
public readonly struct GpuLeakyReLU : IGpuActivation
{
    private readonly float _slope;

    /// <summary>Creates the activation with its negative slope.</summary>
    public GpuLeakyReLU(float slope) => _slope = slope;

    /// <inheritdoc />
    public float Apply(float x) => x > 0f ? x : _slope * x;

    /// <inheritdoc />
    public float Derivative(float y) => y > 0f ? 1f : _slope;
}

/// <summary>f(x) = x for x &gt; 0, else alpha · (e^x - 1); f'(y) = y + alpha below zero.</summary>
public readonly struct GpuELU : IGpuActivation
{
    private readonly float _alpha;

    /// <summary>Creates the activation with its alpha.</summary>
    public GpuELU(float alpha) => _alpha = alpha;

    /// <inheritdoc />
    public float Apply(float x) => x > 0f ? x : _alpha * (XMath.Exp(x) - 1f);

    /// <inheritdoc />
    public float Derivative(float y) => y > 0f ? 1f : y + _alpha;
}
