using System;

namespace NetGen.Kernels;

/// <summary>Argument checks shared by the generated networks, so each error message is written once.</summary>
public static class NetworkGuards
{
    /// <summary>
    /// Infers the batch size from a pair of buffers holding whole samples, or throws an
    /// <see cref="ArgumentException"/> naming the network, the buffers and their sizes.
    /// </summary>
    public static int BatchSize(
        string network, int inputsLength, int inputSize, int outputsLength, int outputSize,
        string inputsName, string outputsName)
    {
        if (inputsLength == 0)
        {
            throw new ArgumentException($"{network}: {inputsName} is empty; pass at least one sample of {inputSize} values.", inputsName);
        }

        if (inputsLength % inputSize != 0)
        {
            throw new ArgumentException(
                $"{network}: {inputsName} has {inputsLength} values, which is not a whole number of samples of " +
                $"InputSize {inputSize} ({inputsLength / inputSize} samples and {inputsLength % inputSize} values left over).",
                inputsName);
        }

        int batch = inputsLength / inputSize;
        if (outputsLength != batch * outputSize)
        {
            throw new ArgumentException(
                $"{network}: {inputsName} holds {batch} samples of {inputSize}, so {outputsName} must have " +
                $"{batch} x {outputSize} = {batch * outputSize} values; it has {outputsLength}.",
                outputsName);
        }

        return batch;
    }

    /// <summary>Throws unless every label is a class index in <c>[0, classes)</c>, naming the first one that is not.</summary>
    public static void Labels(string network, ReadOnlySpan<int> labels, int classes)
    {
        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classes)
            {
                throw new ArgumentOutOfRangeException(
                    "labels", labels[i], $"{network}: labels[{i}] is {labels[i]}; class indices must be in [0, {classes}).");
            }
        }
    }

    /// <summary>Throws unless a parameter buffer has exactly the network's parameter count.</summary>
    public static void ParameterLength(string network, int length, int parameterCount)
    {
        if (length != parameterCount)
        {
            throw new ArgumentException(
                $"{network} has {parameterCount} parameters, but the buffer given has {length} values.", "parameters");
        }
    }

    /// <summary>The error a network without class-index support gives for <c>ComputeGradients(inputs, labels)</c>.</summary>
    public static NotSupportedException LabelsNotSupported(string network, Loss loss) =>
        new($"{network} is trained with {loss}, which takes float targets; class-index labels need Loss.CrossEntropy.");
}
