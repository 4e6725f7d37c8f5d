using System;
using System.Collections.Generic;
using System.Globalization;

namespace NetGen.Onnx;

/// <summary>
/// Translates a network's <see cref="INetwork.Layers"/> into an ONNX inference graph, layer by layer, tracking the
/// shape of the value flowing between them. Values are <c>[N, C, H, W]</c> for images and <c>[N, n]</c> for vectors;
/// an image is flattened only when something needs it flat (a dense layer, softmax, the graph output), and reshaped
/// back only when something needs it as an image again.
/// </summary>
/// <remarks>
/// Initializers keep the <c>state_dict</c> names of <see cref="TensorInfo"/> (<c>0.weight</c>, <c>0.bias</c>, ...);
/// constants the mapping adds are named <c>layer{k}.{what}</c>, and every intermediate value
/// <c>layer{k}.{OpType}</c>.
/// </remarks>
internal sealed class OnnxGraphBuilder
{
    private readonly List<OnnxNode> _nodes = [];
    private readonly List<OnnxTensor> _initializers = [];
    private readonly HashSet<string> _names = [OnnxExporter.InputName, OnnxExporter.OutputName];
    private string _current = OnnxExporter.InputName;
    private IReadOnlyList<int> _shape;
    private bool _flattened;
    private string _prefix = "";

    private OnnxGraphBuilder(IReadOnlyList<int> inputShape) => _shape = inputShape;

    private bool IsImage => _shape.Count == 3;

    /// <summary>The graph of <paramref name="network"/>, its parameters copied as initializers.</summary>
    /// <exception cref="ArgumentException">The layers are empty, their shapes do not chain, or a tensor is out of range.</exception>
    /// <exception cref="NotSupportedException">A layer kind or activation this exporter does not know.</exception>
    public static OnnxGraph Build(INetwork network, string name)
    {
        IReadOnlyList<LayerInfo> layers = network.Layers;
        Require(layers is { Count: > 0 }, "the network has no layers");
        IReadOnlyList<int> inputShape = layers[0].InputShape;
        Require(inputShape.Count is 1 or 3 && Product(inputShape) == network.InputSize, "the first layer's input shape does not match InputSize");
        ReadOnlySpan<float> parameters = network.Parameters;
        var builder = new OnnxGraphBuilder(inputShape);
        for (int k = 0; k < layers.Count; k++)
        {
            builder.AddLayer(k, layers[k], parameters);
        }

        Require(Product(builder._shape) == network.OutputSize, "the last layer's output shape does not match OutputSize");
        builder.FinishOutput();

        var input = new OnnxDimension[inputShape.Count + 1];
        input[0] = OnnxDimension.Named(OnnxExporter.BatchDimension);
        for (int i = 0; i < inputShape.Count; i++)
        {
            input[i + 1] = OnnxDimension.Fixed(inputShape[i]);
        }

        return new OnnxGraph(
            name,
            builder._nodes,
            builder._initializers,
            new OnnxValueInfo(OnnxExporter.InputName, input),
            new OnnxValueInfo(OnnxExporter.OutputName, [OnnxDimension.Named(OnnxExporter.BatchDimension), OnnxDimension.Fixed(network.OutputSize)]));
    }

    private void AddLayer(int k, LayerInfo layer, ReadOnlySpan<float> parameters)
    {
        _prefix = string.Create(CultureInfo.InvariantCulture, $"layer{k}");
        Require(SameShape(layer.InputShape, _shape), $"layer {k}'s input shape does not match the previous layer's output");
        switch (layer.Kind)
        {
            case LayerKind.Dense:
                AddDense(layer, parameters);
                break;
            case LayerKind.Conv2D:
                AddConv(layer, parameters);
                break;
            case LayerKind.MaxPool2D:
            case LayerKind.AvgPool2D:
                RequireImage();
                EnsureImage();
                Add(
                    layer.Kind == LayerKind.MaxPool2D ? "MaxPool" : "AveragePool",
                    [_current],
                    OnnxAttribute.Ints("kernel_shape", layer.Kernel, layer.Kernel),
                    OnnxAttribute.Ints("strides", layer.Stride, layer.Stride));
                break;
            case LayerKind.Dropout:
                break; // the identity at inference
            default:
                throw new NotSupportedException($"Layer {k} is a {layer.Kind} layer, which the ONNX exporter does not support.");
        }

        _shape = layer.OutputShape;
        AddActivation(k, layer, parameters);
    }

    private void AddDense(LayerInfo layer, ReadOnlySpan<float> parameters)
    {
        int inputs = Product(_shape);
        int units = Product(layer.OutputShape);
        TensorInfo weight = layer.Weight ?? throw Invalid($"{_prefix} (Dense) has no weight tensor");
        Require(weight.Shape.Count == 2 && weight.Shape[0] == units && weight.Shape[1] == inputs, $"{_prefix}'s weight is not [{units}, {inputs}]");
        EnsureFlat();
        var inputsOfGemm = new List<string> { _current, Initializer(weight, parameters, units, inputs) };
        if (layer.Bias is { } bias)
        {
            inputsOfGemm.Add(Initializer(bias, parameters, units));
        }

        Add("Gemm", [.. inputsOfGemm], OnnxAttribute.Int("transB", 1));
    }

    private void AddConv(LayerInfo layer, ReadOnlySpan<float> parameters)
    {
        RequireImage();
        EnsureImage();
        int filters = layer.OutputShape[0];
        TensorInfo weight = layer.Weight ?? throw Invalid($"{_prefix} (Conv2D) has no weight tensor");
        Require(
            weight.Shape.Count == 4 && weight.Shape[0] == filters && weight.Shape[1] == _shape[0] && weight.Shape[2] == layer.Kernel && weight.Shape[3] == layer.Kernel,
            $"{_prefix}'s weight is not [{filters}, {_shape[0]}, {layer.Kernel}, {layer.Kernel}]");
        var inputs = new List<string> { _current, Initializer(weight, parameters, filters, _shape[0], layer.Kernel, layer.Kernel) };
        if (layer.Bias is { } bias)
        {
            inputs.Add(Initializer(bias, parameters, filters));
        }

        Add(
            "Conv",
            [.. inputs],
            OnnxAttribute.Ints("kernel_shape", layer.Kernel, layer.Kernel),
            OnnxAttribute.Ints("strides", layer.Stride, layer.Stride),
            OnnxAttribute.Ints("pads", layer.Padding, layer.Padding, layer.Padding, layer.Padding));
    }

    private void AddActivation(int k, LayerInfo layer, ReadOnlySpan<float> parameters)
    {
        float parameter = layer.ActivationParameter;
        switch (layer.Activation)
        {
            case Activation.Identity:
                break;
            case Activation.Sigmoid:
                Add("Sigmoid", [_current]);
                break;
            case Activation.Tanh:
                Add("Tanh", [_current]);
                break;
            case Activation.ReLU:
                Add("Relu", [_current]);
                break;
            case Activation.ArcTan:
                Add("Atan", [_current]);
                break;
            case Activation.BinaryStep:
                // z >= 0 ? 1 : 0; a NaN compares false and gives 0, as NetGen's.
                Add("GreaterOrEqual", [_current, Scalar("zero", 0f)]);
                Add("Cast", [_current], OnnxAttribute.Int("to", (long)OnnxDataType.Float));
                break;
            case Activation.LeakyReLU:
                Add("LeakyRelu", [_current], OnnxAttribute.Float("alpha", parameter));
                break;
            case Activation.ELU:
                Add("Elu", [_current], OnnxAttribute.Float("alpha", parameter));
                break;
            case Activation.SoftPlus:
                // ONNX's Softplus has no beta: softplus(beta * z) / beta. NetGen's linear region above beta * z = 20
                // differs from it by log(1 + e^-20) / beta, about 2e-9 / beta: below float precision there.
                if (parameter == 1f)
                {
                    Add("Softplus", [_current]);
                }
                else
                {
                    string beta = Scalar("beta", parameter);
                    Add("Mul", [_current, beta]);
                    Add("Softplus", [_current]);
                    Add("Div", [_current, beta]);
                }

                break;
            case Activation.Softmax:
                EnsureFlat(); // NetGen's softmax runs over the whole sample, so an image is flattened first
                Add("Softmax", [_current], OnnxAttribute.Int("axis", 1));
                break;
            case Activation.PReLU:
                TensorInfo slopes = layer.Slopes ?? throw Invalid($"{_prefix} (PReLU) has no slope tensor");
                int count = slopes.Length;
                int channels = IsImage ? _shape[0] : Product(_shape);
                Require(count == 1 || count == channels, $"{_prefix} has {count} PReLU slopes for {channels} channels or units");
                if (IsImage && count > 1)
                {
                    EnsureImage();
                    Add("PRelu", [_current, Initializer(slopes, parameters, count, 1, 1)]); // [C, 1, 1]: one per channel
                }
                else
                {
                    Add("PRelu", [_current, Initializer(slopes, parameters, count)]); // [1] shared, or [units]
                }

                break;
            default:
                throw new NotSupportedException($"Layer {k}'s activation {layer.Activation} is not supported by the ONNX exporter.");
        }
    }

    /// <summary>Makes the graph's last value <c>output</c>, <c>[N, OutputSize]</c>.</summary>
    private void FinishOutput()
    {
        _prefix = "output";
        EnsureFlat();
        if (_nodes.Count == 0)
        {
            Add("Identity", [_current]); // a network of dropout layers only
        }

        _nodes[^1] = _nodes[^1] with { Output = OnnxExporter.OutputName };
    }

    private void EnsureFlat()
    {
        if (IsImage && !_flattened)
        {
            Add("Flatten", [_current], OnnxAttribute.Int("axis", 1));
            _flattened = true;
        }
    }

    private void EnsureImage()
    {
        if (_flattened)
        {
            long[] shape = [-1, _shape[0], _shape[1], _shape[2]];
            string name = Unique($"{_prefix}.image_shape");
            _initializers.Add(OnnxTensor.FromInt64s(name, shape, shape.Length));
            Add("Reshape", [_current, name]);
            _flattened = false;
        }
    }

    private void Add(string opType, string[] inputs, params OnnxAttribute[] attributes)
    {
        string output = Unique($"{_prefix}.{opType}");
        _nodes.Add(new OnnxNode(opType, inputs, output, attributes));
        _current = output;
    }

    private string Initializer(TensorInfo tensor, ReadOnlySpan<float> parameters, params long[] dims)
    {
        Require(
            tensor.Offset <= parameters.Length && tensor.Length <= parameters.Length - tensor.Offset,
            $"tensor {tensor.Name} lies outside Parameters");
        string name = Unique(tensor.Name);
        _initializers.Add(OnnxTensor.FromFloats(name, parameters.Slice(tensor.Offset, tensor.Length), dims));
        return name;
    }

    private string Scalar(string what, float value)
    {
        string name = Unique($"{_prefix}.{what}");
        _initializers.Add(OnnxTensor.FromFloats(name, [value]));
        return name;
    }

    private string Unique(string name)
    {
        string unique = name;
        for (int i = 1; !_names.Add(unique); i++)
        {
            unique = string.Create(CultureInfo.InvariantCulture, $"{name}_{i}");
        }

        return unique;
    }

    private void RequireImage() => Require(IsImage, $"{_prefix}'s input is not an image");

    private static bool SameShape(IReadOnlyList<int> a, IReadOnlyList<int> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        for (int i = 0; i < a.Count; i++)
        {
            if (a[i] != b[i])
            {
                return false;
            }
        }

        return true;
    }

    private static int Product(IReadOnlyList<int> shape)
    {
        int product = 1;
        foreach (int dimension in shape)
        {
            product *= dimension;
        }

        return product;
    }

    private static void Require(bool condition, string problem)
    {
        if (!condition)
        {
            throw Invalid(problem);
        }
    }

    private static ArgumentException Invalid(string problem) =>
        new($"The network cannot be exported to ONNX: {problem}.", "network");
}
