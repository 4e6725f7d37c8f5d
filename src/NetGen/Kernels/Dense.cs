using System;
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
        bool hasBias = !bias.IsEmpty;
        for (int b = 0; b < batch; b++)
        {
            ReadOnlySpan<float> x = inputs.Slice(b * inputSize, inputSize);
            Span<float> y = outputs.Slice(b * outputSize, outputSize);
            for (int o = 0; o < outputSize; o++)
            {
                float z = TensorPrimitives.Dot(weights.Slice(o * inputSize, inputSize), x);
                y[o] = hasBias ? z + bias[o] : z;
            }

            activation.Forward(y);
        }
    }

    /// <summary>
    /// Backward of <see cref="Forward{TActivation}"/> over the values it saved. Turns <paramref name="dOutputs"/>
    /// (<c>dL/dy</c>, <c>[batch, outputSize]</c>) into <c>dL/dz</c> in place, then accumulates (<c>+=</c>)
    /// <c>dL/dW</c> into <paramref name="dWeights"/> and <c>dL/db</c> into <paramref name="dBias"/>, and writes
    /// (<c>=</c>) <c>dL/dx</c> into <paramref name="dInputs"/> unless it is empty (the first layer needs none).
    /// </summary>
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
        bool hasBias = !dBias.IsEmpty;
        bool needInputs = !dInputs.IsEmpty;
        for (int b = 0; b < batch; b++)
        {
            ReadOnlySpan<float> x = inputs.Slice(b * inputSize, inputSize);
            ReadOnlySpan<float> g = dz.Slice(b * outputSize, outputSize);
            Span<float> dx = needInputs ? dInputs.Slice(b * inputSize, inputSize) : default;
            if (needInputs)
            {
                dx.Clear();
            }

            for (int o = 0; o < outputSize; o++)
            {
                float go = g[o];
                if (go == 0f)
                {
                    continue; // contributes nothing (common behind ReLU)
                }

                Span<float> dw = dWeights.Slice(o * inputSize, inputSize);
                TensorPrimitives.MultiplyAdd(x, go, dw, dw);
                if (needInputs)
                {
                    TensorPrimitives.MultiplyAdd(weights.Slice(o * inputSize, inputSize), go, dx, dx);
                }
            }

            if (hasBias)
            {
                TensorPrimitives.Add(dBias, g, dBias);
            }
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
