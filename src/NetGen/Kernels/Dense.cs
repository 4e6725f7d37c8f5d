using System;
using System.Runtime.CompilerServices;
using System.Numerics.Tensors;

namespace NetGen.Kernels;

/// <summary>
/// The fully connected layer, forward then backward with the same argument order.
/// Shapes: <c>inputs [batch, inputSize]</c>, <c>weights [outputSize, inputSize]</c> (PyTorch's row-major layout),
/// <c>bias [outputSize]</c> (empty for a layer without bias), <c>outputs [batch, outputSize]</c>.
/// Generated code passes the sizes as constants.
/// </summary>
public static class Dense
{
    /// <summary>
    /// <c>outputs[b, o] = f(dot(weights[o, :], inputs[b, :]) + bias[o])</c>, bias and activation fused per sample.
    /// </summary>
    public static void Forward<TActivation>(
        TActivation activation, ReadOnlySpan<float> inputs, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> outputs,
        int batch, int inputSize, int outputSize)
        where TActivation : struct, IActivationOperator
    {
        CheckShapes(inputs.Length, weights.Length, bias.Length, outputs.Length, batch, inputSize, outputSize);
        Span<float> y = outputs.Slice(0, batch * outputSize);
        Gemm.DotRows(inputs, inputSize, weights, inputSize, y, outputSize, batch, outputSize, inputSize, accumulate: false);
        for (int b = 0; b < batch; b++)
        {
            // Row by row, so that a sample's outputs do not depend on the batch it came in (vectorised activations
            // round differently from their scalar tails).
            Span<float> row = y.Slice(b * outputSize, outputSize);
            if (!bias.IsEmpty)
            {
                TensorPrimitives.Add(row, bias, row);
            }

            activation.Forward(row);
        }
    }

    /// <summary>
    /// Backward of <see cref="Forward{TActivation}"/> over the values it saved. Turns <paramref name="dOutputs"/>
    /// (<c>dL/dy</c>, <c>[batch, outputSize]</c>) into <c>dL/dz</c> in place, then accumulates (<c>+=</c>)
    /// <c>dL/dW</c> into <paramref name="dWeights"/> and <c>dL/db</c> into <paramref name="dBias"/>, and writes
    /// (<c>=</c>) <c>dL/dx</c> into <paramref name="dInputs"/> unless it is empty (the first layer needs none).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward<TActivation>(
        TActivation activation, ReadOnlySpan<float> inputs, ReadOnlySpan<float> weights, ReadOnlySpan<float> outputs, Span<float> dOutputs,
        Span<float> dWeights, Span<float> dBias, Span<float> dInputs,
        int batch, int inputSize, int outputSize)
        where TActivation : struct, IActivationOperator
    {
        CheckShapes(inputs.Length, weights.Length, dBias.Length, outputs.Length, batch, inputSize, outputSize);
        if (dOutputs.Length != outputs.Length || dWeights.Length != weights.Length
            || (!dInputs.IsEmpty && dInputs.Length != inputs.Length))
        {
            throw new ArgumentException(
                $"Gradient buffers do not match their values: dOutputs {dOutputs.Length} (expected {outputs.Length}), " +
                $"dWeights {dWeights.Length} (expected {weights.Length}), dInputs {dInputs.Length} (expected 0 or {inputs.Length}).");
        }

        Span<float> dz = dOutputs.Slice(0, batch * outputSize);
        ActivationLoops.Backward(activation, outputs.Slice(0, batch * outputSize), dz);

        // dW [out, in] += dZᵀ X: row o of dW gathers dz[b, o] * x[b, :] over the batch.
        Gemm.AccumulateOuter(dz, outputSize, 1, inputs, inputSize, dWeights, inputSize, outputSize, inputSize, batch);
        if (!dBias.IsEmpty)
        {
            for (int b = 0; b < batch; b++)
            {
                TensorPrimitives.Add(dBias, dz.Slice(b * outputSize, outputSize), dBias);
            }
        }

        if (!dInputs.IsEmpty)
        {
            // dX [batch, in] = dZ W: row b gathers dz[b, o] * W[o, :] over the outputs.
            Span<float> dx = dInputs.Slice(0, batch * inputSize);
            dx.Clear();
            Gemm.AccumulateOuter(dz, 1, outputSize, weights, inputSize, dx, inputSize, batch, inputSize, outputSize);
        }
    }

    private static void CheckShapes(int inputs, int weights, int bias, int outputs, int batch, int inputSize, int outputSize)
    {
        if (batch < 0 || inputs < batch * inputSize || weights != inputSize * outputSize
            || (bias != 0 && bias != outputSize) || outputs < batch * outputSize)
        {
            throw new ArgumentException(
                $"Dense {inputSize}->{outputSize} with batch {batch} needs inputs >= {batch * inputSize}, " +
                $"weights = {inputSize * outputSize}, bias 0 or {outputSize}, outputs >= {batch * outputSize}; " +
                $"got inputs {inputs}, weights {weights}, bias {bias}, outputs {outputs}.");
        }
    }
}
