using System;

namespace NetGen;

/// <summary>
/// A small deterministic random generator (SplitMix64). The same seed gives the same sequence on every platform and
/// .NET version, which <see cref="Random"/> does not promise; NetGen uses it for weight initialisation and shuffling.
/// </summary>
public sealed class SeededRandom(long seed)
{
    private ulong _state = unchecked((ulong)seed);

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A float uniformly distributed in <c>[0, 1)</c>, with 24 random bits.</summary>
    public float NextSingle() => (NextUInt64() >> 40) * (1f / (1 << 24));

    /// <summary>A float uniformly distributed in <c>[-bound, bound)</c>.</summary>
    public float NextSymmetric(float bound) => (2f * NextSingle() - 1f) * bound;

    /// <summary>An integer uniformly distributed in <c>[0, exclusiveMax)</c>.</summary>
    public int NextInt32(int exclusiveMax)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(exclusiveMax);
        // Lemire's multiply-shift; the bias is below 2^-32 for the sizes NetGen shuffles.
        return (int)(((NextUInt64() >> 32) * (ulong)exclusiveMax) >> 32);
    }

    /// <summary>Shuffles <paramref name="values"/> in place (Fisher-Yates).</summary>
    public void Shuffle<T>(Span<T> values)
    {
        for (int i = values.Length - 1; i > 0; i--)
        {
            int j = NextInt32(i + 1);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }
}
