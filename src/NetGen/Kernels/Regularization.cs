using System;

namespace NetGen.Kernels;

/// <summary>
/// Weight penalties and constraints. L1 and L2 penalties apply to weights only (not biases or PReLU slopes), as
/// Keras' kernel regularisers: <c>penalty = l1 * sum(|w|) + l2 * sum(w^2)</c>, gradient <c>l1 * sign(w) + 2 * l2 * w</c>.
/// </summary>
public static class Regularization
{
    /// <summary>Adds the penalty's gradient to <paramref name="dWeights"/> and returns the penalty.</summary>
    public static float Penalty(ReadOnlySpan<float> weights, Span<float> dWeights, float l1, float l2)
    {
        if (dWeights.Length != weights.Length)
        {
            throw new ArgumentException($"weights has {weights.Length} values but dWeights has {dWeights.Length}.", nameof(dWeights));
        }

        double sumAbs = 0, sumSquares = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            float w = weights[i];
            sumAbs += Math.Abs(w);
            sumSquares += (double)w * w;
            float sign = w > 0f ? 1f : w < 0f ? -1f : 0f; // a NaN weight gives a NaN penalty, not an exception
            dWeights[i] += l1 * sign + 2f * l2 * w;
        }

        return (float)(l1 * sumAbs + l2 * sumSquares);
    }

    /// <summary>
    /// Max-norm constraint: rescales each of the <paramref name="rows"/> incoming weight vectors (a dense unit's row,
    /// a convolution filter) whose Euclidean norm exceeds <paramref name="maxNorm"/> down to that norm.
    /// </summary>
    public static void MaxNorm(Span<float> weights, int rows, float maxNorm)
    {
        if (rows <= 0 || weights.Length % rows != 0)
        {
            throw new ArgumentException($"{weights.Length} weights do not split into {rows} rows.", nameof(rows));
        }

        int width = weights.Length / rows;
        for (int r = 0; r < rows; r++)
        {
            Span<float> row = weights.Slice(r * width, width);
            double norm = 0;
            foreach (float w in row)
            {
                norm += (double)w * w;
            }

            norm = Math.Sqrt(norm);
            if (norm > maxNorm)
            {
                float scale = (float)(maxNorm / norm);
                for (int i = 0; i < row.Length; i++)
                {
                    row[i] *= scale;
                }
            }
        }
    }
}
