using System;
using System.Buffers.Binary;
using System.Collections.Generic;

namespace NetGen.Onnx;

// The ONNX graph in memory, between OnnxGraphBuilder (layers -> graph) and OnnxModelWriter (graph -> bytes).
// Only what an exported network uses: float and int64 tensors, float/int/ints attributes, one input, one output.

/// <summary><c>TensorProto.DataType</c> values.</summary>
internal enum OnnxDataType
{
    Float = 1,
    Int64 = 7,
}

/// <summary><c>AttributeProto.AttributeType</c> values.</summary>
internal enum OnnxAttributeKind
{
    Float = 1,
    Int = 2,
    Ints = 7,
}

/// <summary>A node attribute: one float, one integer or a list of integers.</summary>
internal sealed record OnnxAttribute(string Name, OnnxAttributeKind Kind, float FloatValue, long IntValue, long[] IntValues)
{
    public static OnnxAttribute Float(string name, float value) => new(name, OnnxAttributeKind.Float, value, 0, []);

    public static OnnxAttribute Int(string name, long value) => new(name, OnnxAttributeKind.Int, 0, value, []);

    public static OnnxAttribute Ints(string name, params long[] values) => new(name, OnnxAttributeKind.Ints, 0, 0, values);
}

/// <summary>One operator with a single output; the node is named after its output.</summary>
internal sealed record OnnxNode(string OpType, string[] Inputs, string Output, OnnxAttribute[] Attributes);

/// <summary>A constant tensor (an initializer), its values little-endian in <see cref="RawData"/>.</summary>
internal sealed record OnnxTensor(string Name, OnnxDataType DataType, long[] Dims, byte[] RawData)
{
    public static OnnxTensor FromFloats(string name, ReadOnlySpan<float> values, params long[] dims)
    {
        var raw = new byte[values.Length * sizeof(float)];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(raw.AsSpan(i * sizeof(float)), values[i]);
        }

        return new OnnxTensor(name, OnnxDataType.Float, dims, raw);
    }

    public static OnnxTensor FromInt64s(string name, ReadOnlySpan<long> values, params long[] dims)
    {
        var raw = new byte[values.Length * sizeof(long)];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(raw.AsSpan(i * sizeof(long)), values[i]);
        }

        return new OnnxTensor(name, OnnxDataType.Int64, dims, raw);
    }
}

/// <summary>One dimension of a graph input or output: a fixed size, or a named symbol such as the batch <c>"N"</c>.</summary>
internal readonly record struct OnnxDimension(long Value, string? Symbol)
{
    public static OnnxDimension Fixed(long value) => new(value, null);

    public static OnnxDimension Named(string symbol) => new(0, symbol);
}

/// <summary>A graph input or output: a float tensor of the given shape.</summary>
internal sealed record OnnxValueInfo(string Name, OnnxDimension[] Shape);

/// <summary>The whole inference graph, nodes in topological order.</summary>
internal sealed record OnnxGraph(
    string Name,
    IReadOnlyList<OnnxNode> Nodes,
    IReadOnlyList<OnnxTensor> Initializers,
    OnnxValueInfo Input,
    OnnxValueInfo Output);
