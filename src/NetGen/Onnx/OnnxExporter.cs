using System;
using System.IO;

namespace NetGen.Onnx;

/// <summary>
/// Writes a generated network as a standard ONNX model for inference, with its current parameters, so that ONNX
/// Runtime, Netron or any other ONNX consumer can run or inspect it.
/// </summary>
/// <remarks>
/// <para>
/// The model has one input, <c>"input"</c>, float <c>[N, C, H, W]</c> for a network whose <c>[Input]</c> is an
/// image and <c>[N, InputSize]</c> otherwise, and one output, <c>"output"</c>, float <c>[N, OutputSize]</c>: what
/// <see cref="INetwork.Forward"/> computes (logits for <see cref="Loss.CrossEntropy"/>; the loss is not exported).
/// The batch dimension is the symbol <c>"N"</c>. IR version 8, default-domain opset 17.
/// </para>
/// <para>
/// <c>[Dense]</c> becomes <c>Gemm</c> (<c>transB = 1</c>, after a <c>Flatten</c> if its input is an image),
/// <c>[Conv2D]</c> <c>Conv</c>, the pooling layers <c>MaxPool</c> and <c>AveragePool</c>, and <c>[Dropout]</c>
/// nothing. Activations map to their ONNX operator; SoftPlus with a beta other than 1 becomes
/// <c>Mul</c>, <c>Softplus</c>, <c>Div</c>, and BinaryStep <c>GreaterOrEqual</c> then <c>Cast</c>. Parameters keep
/// their <see cref="TensorInfo.Name"/>. docs/onnx.md lists the mapping and the tolerances.
/// </para>
/// </remarks>
public static class OnnxExporter
{
    /// <summary>The ONNX IR version written: 8.</summary>
    public const long IrVersion = 8;

    /// <summary>The version of the default ONNX operator set the model imports: 17.</summary>
    public const long OpsetVersion = 17;

    /// <summary>The name of the graph input.</summary>
    public const string InputName = "input";

    /// <summary>The name of the graph output.</summary>
    public const string OutputName = "output";

    /// <summary>The symbol of the dynamic batch dimension of the input and the output.</summary>
    public const string BatchDimension = "N";

    /// <summary>The value of the model's <c>producer_name</c>.</summary>
    public const string ProducerName = "NetGen";

    /// <summary>The serialised model of <paramref name="network"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    /// <exception cref="ArgumentException">The network's layers or tensors are inconsistent (not a generated network).</exception>
    /// <exception cref="NotSupportedException">A layer kind or activation the exporter does not know.</exception>
    public static byte[] Export(INetwork network) => Serialize(network).WrittenSpan.ToArray();

    /// <summary>Writes the model of <paramref name="network"/> to <paramref name="destination"/>, which stays open.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> or <paramref name="destination"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is not writable, or the network is inconsistent.</exception>
    /// <exception cref="NotSupportedException">A layer kind or activation the exporter does not know.</exception>
    public static void Export(INetwork network, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(destination);
        if (!destination.CanWrite)
        {
            throw new ArgumentException("The stream is not writable.", nameof(destination));
        }

        destination.Write(Serialize(network).WrittenSpan);
    }

    /// <summary>Writes the model of <paramref name="network"/> to the file <paramref name="path"/>, replacing it.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> or <paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, or the network is inconsistent.</exception>
    /// <exception cref="NotSupportedException">A layer kind or activation the exporter does not know.</exception>
    public static void Export(INetwork network, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrEmpty(path);
        ProtobufWriter model = Serialize(network); // before the file is touched, so a failure leaves it as it was
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        file.Write(model.WrittenSpan);
    }

    private static ProtobufWriter Serialize(INetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        OnnxGraph graph = OnnxGraphBuilder.Build(network, network.GetType().Name);
        string version = typeof(OnnxExporter).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        return OnnxModelWriter.Write(graph, IrVersion, OpsetVersion, ProducerName, version);
    }
}
