using System;

namespace NetGen.Kernels;

/// <summary>Deterministic weight initialisers, drawing from a <see cref="SeededRandom"/>.</summary>
public static class Initialization
{
    /// <summary>
    /// He (Kaiming) uniform for ReLU layers: <c>U(-b, b)</c> with <c>b = sqrt(6 / fanIn)</c>, as
    /// <c>torch.nn.init.kaiming_uniform_(w, nonlinearity='relu')</c>.
    /// </summary>
    public static void HeUniform(Span<float> weights, int fanIn, SeededRandom random)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fanIn);
        Fill(weights, MathF.Sqrt(6f / fanIn), random);
    }

    /// <summary>
    /// Glorot (Xavier) uniform: <c>U(-b, b)</c> with <c>b = sqrt(6 / (fanIn + fanOut))</c>, as
    /// <c>torch.nn.init.xavier_uniform_(w)</c>.
    /// </summary>
    public static void GlorotUniform(Span<float> weights, int fanIn, int fanOut, SeededRandom random)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fanIn);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fanOut);
        Fill(weights, MathF.Sqrt(6f / (fanIn + fanOut)), random);
    }

    private static void Fill(Span<float> weights, float bound, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = random.NextSymmetric(bound);
        }
    }
}
