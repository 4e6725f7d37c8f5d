using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using NetGen.Onnx;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests.Onnx;

/// <summary>
/// What the exported file holds, read back with the tests' own protobuf reader (field numbers from onnx.proto) and
/// with ONNX Runtime's metadata: versions, names, shapes, the operators in order, and the parameters bit for bit.
/// </summary>
public class OnnxModelStructureTests
{
    // onnx.proto field numbers, written out independently of OnnxModelWriter.
    private const int ModelIrVersion = 1, ModelProducerName = 2, ModelGraph = 7, ModelOpsetImport = 8;
    private const int GraphNode = 1, GraphName = 2, GraphInitializer = 5, GraphInput = 11, GraphOutput = 12;
    private const int NodeInput = 1, NodeOutput = 2, NodeOpType = 4, NodeAttribute = 5;
    private const int AttributeName = 1, AttributeInts = 8;
    private const int TensorDims = 1, TensorDataType = 2, TensorName = 8, TensorRawData = 9;

    [Fact]
    public void Model_DeclaresIrVersion8_Opset17_AndNetGenAsProducer()
    {
        ProtobufReader model = ProtobufReader.Parse(OnnxExporter.Export(new MnistMlp(seed: 1)));

        Assert.Equal(8UL, model.Single(ModelIrVersion).Value);
        Assert.Equal("NetGen", model.Single(ModelProducerName).String);
        ProtobufReader opset = model.Single(ModelOpsetImport).Message;
        Assert.Empty(opset.All(1)); // the default domain
        Assert.Equal(17UL, opset.Single(2).Value);
        Assert.Equal(nameof(MnistMlp), model.Single(ModelGraph).Message.Single(GraphName).String);
    }

    [Fact]
    public void LeNet5_Graph_IsTheExpectedOperatorChain()
    {
        ProtobufReader graph = Graph(new LeNet5(seed: 1));

        string[] ops = graph.All(GraphNode).Select(n => n.Message.Single(NodeOpType).String).ToArray();

        Assert.Equal(["Conv", "Relu", "MaxPool", "Conv", "Relu", "MaxPool", "Flatten", "Gemm", "Relu", "Gemm", "Relu", "Gemm"], ops);
        ProtobufReader first = graph.All(GraphNode).First().Message;
        Assert.Equal(["input", "0.weight", "0.bias"], first.All(NodeInput).Select(f => f.String));
        Assert.Equal([2L, 2, 2, 2], Ints(first, "pads"));
        Assert.Equal([5L, 5], Ints(first, "kernel_shape"));
        Assert.Equal("output", graph.All(GraphNode).Last().Message.Single(NodeOutput).String);
    }

    [Fact]
    public void Initializers_AreTheParameterTensors_NamedAndShapedAsInPyTorch_BitForBit()
    {
        var network = new LeNet5(seed: 3);

        List<ProtobufReader> initializers = Graph(network).All(GraphInitializer).Select(f => f.Message).ToList();

        Assert.Equal(network.ParameterTensors.Count, initializers.Count);
        for (int i = 0; i < initializers.Count; i++)
        {
            TensorInfo tensor = network.ParameterTensors[i];
            ProtobufReader initializer = initializers[i];
            Assert.Equal(tensor.Name, initializer.Single(TensorName).String);
            Assert.Equal(1UL, initializer.Single(TensorDataType).Value); // FLOAT
            Assert.Equal(tensor.Shape.Select(d => (ulong)d), initializer.All(TensorDims).Select(f => f.Value));
            byte[] expected = MemoryMarshal.AsBytes(network.Parameters.Slice(tensor.Offset, tensor.Length)).ToArray();
            Assert.Equal(expected, initializer.Single(TensorRawData).Bytes);
        }
    }

    [Fact]
    public void PReLUSlopes_AreShapedToBroadcast_PerChannelOrPerUnit()
    {
        ProtobufReader graph = Graph(new OnnxImageSoftmaxNetwork(seed: 1)); // conv PReLU, 4 filters, one slope each
        ProtobufReader slopes = graph.All(GraphInitializer).Select(f => f.Message).Single(t => t.Single(TensorName).String == "4.weight");
        Assert.Equal([4UL, 1, 1], slopes.All(TensorDims).Select(f => f.Value));

        graph = Graph(new PReLUNetwork(seed: 1)); // conv with one shared slope, dense with one per unit
        Dictionary<string, ulong[]> dims = graph.All(GraphInitializer).Select(f => f.Message)
            .ToDictionary(t => t.Single(TensorName).String, t => t.All(TensorDims).Select(f => f.Value).ToArray());
        Assert.Equal([1UL], dims["1.weight"]);
        Assert.Equal([4UL], dims["4.weight"]);
    }

    [Fact]
    public void ImageSoftmax_IsFlattenedThenReshapedBackForThePooling()
    {
        ProtobufReader graph = Graph(new OnnxImageSoftmaxNetwork(seed: 1));

        string[] ops = graph.All(GraphNode).Select(n => n.Message.Single(NodeOpType).String).ToArray();

        Assert.Equal(["Conv", "Flatten", "Softmax", "Reshape", "MaxPool", "Conv", "PRelu", "Flatten", "Gemm", "Softplus"], ops);
    }

    [Fact]
    public void InputAndOutput_HaveADynamicBatchDimensionN()
    {
        using var session = new InferenceSession(OnnxExporter.Export(new LeNet5(seed: 1)));

        NodeMetadata input = session.InputMetadata["input"];
        NodeMetadata output = session.OutputMetadata["output"];

        Assert.Single(session.InputMetadata);
        Assert.Single(session.OutputMetadata);
        Assert.Equal([-1, 1, 28, 28], input.Dimensions);
        Assert.Equal("N", input.SymbolicDimensions[0]);
        Assert.Equal([-1, 10], output.Dimensions);
        Assert.Equal("N", output.SymbolicDimensions[0]);
        Assert.Equal(typeof(float), input.ElementType);
    }

    [Fact]
    public void VectorNetwork_TakesAndGivesMatrices()
    {
        using var session = new InferenceSession(OnnxExporter.Export(new MnistMlp(seed: 1)));

        Assert.Equal([-1, 784], session.InputMetadata["input"].Dimensions);
        Assert.Equal([-1, 10], session.OutputMetadata["output"].Dimensions);
    }

    [Fact]
    public void Export_IsDeterministic_AndTheSameThroughEveryOverload()
    {
        var network = new SmallCnn(seed: 4);
        byte[] bytes = OnnxExporter.Export(network);
        using var stream = new MemoryStream();
        string path = Path.Combine(Path.GetTempPath(), $"netgen-onnx-{Guid.NewGuid():N}.onnx");
        try
        {
            OnnxExporter.Export(network, stream);
            OnnxExporter.Export(network, path);

            Assert.Equal(bytes, OnnxExporter.Export(network));
            Assert.Equal(bytes, stream.ToArray());
            Assert.Equal(bytes, File.ReadAllBytes(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Export_ToAStream_AppendsAndLeavesItOpen()
    {
        byte[] bytes = OnnxExporter.Export(new XorNetwork(seed: 1));
        using var stream = new MemoryStream();
        stream.WriteByte(42);

        OnnxExporter.Export(new XorNetwork(seed: 1), stream);

        Assert.True(stream.CanWrite);
        Assert.Equal([42, .. bytes], stream.ToArray());
    }

    [Fact]
    public void NullArguments_Throw()
    {
        var network = new XorNetwork(seed: 1);

        Assert.Throws<ArgumentNullException>("network", () => OnnxExporter.Export(null!));
        Assert.Throws<ArgumentNullException>("network", () => OnnxExporter.Export(null!, new MemoryStream()));
        Assert.Throws<ArgumentNullException>("network", () => OnnxExporter.Export(null!, "model.onnx"));
        Assert.Throws<ArgumentNullException>("destination", () => OnnxExporter.Export(network, (Stream)null!));
        Assert.Throws<ArgumentNullException>("path", () => OnnxExporter.Export(network, (string)null!));
        Assert.Throws<ArgumentException>("path", () => OnnxExporter.Export(network, ""));
    }

    [Fact]
    public void ReadOnlyStream_Throws()
    {
        using var stream = new MemoryStream(new byte[16], writable: false);

        Assert.Throws<ArgumentException>("destination", () => OnnxExporter.Export(new XorNetwork(seed: 1), stream));
    }

    [Fact]
    public void UnknownActivation_IsNotSupported_AndInconsistentLayersAreRejected()
    {
        var network = new XorNetwork(seed: 1);
        LayerInfo first = network.Layers[0];

        var unknown = new RelayoutNetwork(network, [first with { Activation = (Activation)42 }, network.Layers[1]]);
        var broken = new RelayoutNetwork(network, [network.Layers[1]]);
        var empty = new RelayoutNetwork(network, []);

        Assert.Throws<NotSupportedException>(() => OnnxExporter.Export(unknown));
        Assert.Throws<ArgumentException>("network", () => OnnxExporter.Export(broken));
        Assert.Throws<ArgumentException>("network", () => OnnxExporter.Export(empty));
    }

    private static ProtobufReader Graph(INetwork network) =>
        ProtobufReader.Parse(OnnxExporter.Export(network)).Single(ModelGraph).Message;

    private static long[] Ints(ProtobufReader node, string name) =>
        node.All(NodeAttribute).Select(f => f.Message).Single(a => a.Single(AttributeName).String == name)
            .All(AttributeInts).Select(f => (long)f.Value).ToArray();

    /// <summary>A network that reports other layers than its own, to feed the exporter what no generator writes.</summary>
    private sealed class RelayoutNetwork(INetwork inner, IReadOnlyList<LayerInfo> layers) : INetwork
    {
        public int InputSize => inner.InputSize;

        public int OutputSize => inner.OutputSize;

        public int ParameterCount => inner.ParameterCount;

        public Loss Loss => inner.Loss;

        public Span<float> Parameters => inner.Parameters;

        public IReadOnlyList<LayerInfo> Layers => layers;

        public IReadOnlyList<TensorInfo> ParameterTensors => inner.ParameterTensors;

        public Span<float> Gradients => inner.Gradients;

        public ReadOnlySpan<float> LastOutputs => inner.LastOutputs;

        public void Forward(ReadOnlySpan<float> inputs, Span<float> outputs) => inner.Forward(inputs, outputs);

        public float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets) => inner.ComputeGradients(inputs, targets);

        public float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels) => inner.ComputeGradients(inputs, labels);

        public void ApplyConstraints() => inner.ApplyConstraints();
    }
}
