namespace NetGen.Onnx;

/// <summary>
/// Serialises an <see cref="OnnxGraph"/> as an ONNX <c>ModelProto</c>. The field numbers are those of onnx.proto
/// (stable since IR version 3); each message below lists the fields it writes, in the order they are written.
/// </summary>
internal static class OnnxModelWriter
{
    // ModelProto
    private const int ModelIrVersion = 1;
    private const int ModelProducerName = 2;
    private const int ModelProducerVersion = 3;
    private const int ModelGraph = 7;
    private const int ModelOpsetImport = 8;

    // OperatorSetIdProto (the default domain "" is written as an absent domain field)
    private const int OperatorSetVersion = 2;

    // GraphProto
    private const int GraphNode = 1;
    private const int GraphName = 2;
    private const int GraphInitializer = 5;
    private const int GraphInput = 11;
    private const int GraphOutput = 12;

    // NodeProto
    private const int NodeInput = 1;
    private const int NodeOutput = 2;
    private const int NodeName = 3;
    private const int NodeOpType = 4;
    private const int NodeAttribute = 5;

    // AttributeProto
    private const int AttributeName = 1;
    private const int AttributeFloat = 2;
    private const int AttributeInt = 3;
    private const int AttributeInts = 8;
    private const int AttributeType = 20;

    // TensorProto
    private const int TensorDims = 1;
    private const int TensorDataType = 2;
    private const int TensorName = 8;
    private const int TensorRawData = 9;

    // ValueInfoProto, TypeProto, TypeProto.Tensor, TensorShapeProto, TensorShapeProto.Dimension
    private const int ValueInfoName = 1;
    private const int ValueInfoType = 2;
    private const int TypeTensorType = 1;
    private const int TensorTypeElemType = 1;
    private const int TensorTypeShape = 2;
    private const int ShapeDim = 1;
    private const int DimValue = 1;
    private const int DimParam = 2;

    /// <summary>The serialised model.</summary>
    public static ProtobufWriter Write(OnnxGraph graph, long irVersion, long opsetVersion, string producerName, string producerVersion)
    {
        var model = new ProtobufWriter();
        model.WriteInt64(ModelIrVersion, irVersion);
        model.WriteString(ModelProducerName, producerName);
        model.WriteString(ModelProducerVersion, producerVersion);
        model.WriteMessage(ModelGraph, WriteGraph(graph));
        var opset = new ProtobufWriter();
        opset.WriteInt64(OperatorSetVersion, opsetVersion);
        model.WriteMessage(ModelOpsetImport, opset);
        return model;
    }

    private static ProtobufWriter WriteGraph(OnnxGraph graph)
    {
        var writer = new ProtobufWriter();
        foreach (OnnxNode node in graph.Nodes)
        {
            writer.WriteMessage(GraphNode, WriteNode(node));
        }

        writer.WriteString(GraphName, graph.Name);
        foreach (OnnxTensor tensor in graph.Initializers)
        {
            writer.WriteMessage(GraphInitializer, WriteTensor(tensor));
        }

        writer.WriteMessage(GraphInput, WriteValueInfo(graph.Input));
        writer.WriteMessage(GraphOutput, WriteValueInfo(graph.Output));
        return writer;
    }

    private static ProtobufWriter WriteNode(OnnxNode node)
    {
        var writer = new ProtobufWriter();
        foreach (string input in node.Inputs)
        {
            writer.WriteString(NodeInput, input);
        }

        writer.WriteString(NodeOutput, node.Output);
        writer.WriteString(NodeName, node.Output);
        writer.WriteString(NodeOpType, node.OpType);
        foreach (OnnxAttribute attribute in node.Attributes)
        {
            writer.WriteMessage(NodeAttribute, WriteAttribute(attribute));
        }

        return writer;
    }

    private static ProtobufWriter WriteAttribute(OnnxAttribute attribute)
    {
        var writer = new ProtobufWriter();
        writer.WriteString(AttributeName, attribute.Name);
        switch (attribute.Kind)
        {
            case OnnxAttributeKind.Float:
                writer.WriteFloat(AttributeFloat, attribute.FloatValue);
                break;
            case OnnxAttributeKind.Int:
                writer.WriteInt64(AttributeInt, attribute.IntValue);
                break;
            default:
                foreach (long value in attribute.IntValues)
                {
                    writer.WriteInt64(AttributeInts, value);
                }

                break;
        }

        writer.WriteInt64(AttributeType, (long)attribute.Kind);
        return writer;
    }

    private static ProtobufWriter WriteTensor(OnnxTensor tensor)
    {
        var writer = new ProtobufWriter();
        foreach (long dim in tensor.Dims)
        {
            writer.WriteInt64(TensorDims, dim);
        }

        writer.WriteInt64(TensorDataType, (long)tensor.DataType);
        writer.WriteString(TensorName, tensor.Name);
        writer.WriteBytes(TensorRawData, tensor.RawData);
        return writer;
    }

    private static ProtobufWriter WriteValueInfo(OnnxValueInfo value)
    {
        var shape = new ProtobufWriter();
        foreach (OnnxDimension dimension in value.Shape)
        {
            var dim = new ProtobufWriter();
            if (dimension.Symbol is null)
            {
                dim.WriteInt64(DimValue, dimension.Value);
            }
            else
            {
                dim.WriteString(DimParam, dimension.Symbol);
            }

            shape.WriteMessage(ShapeDim, dim);
        }

        var tensorType = new ProtobufWriter();
        tensorType.WriteInt64(TensorTypeElemType, (long)OnnxDataType.Float);
        tensorType.WriteMessage(TensorTypeShape, shape);
        var type = new ProtobufWriter();
        type.WriteMessage(TypeTensorType, tensorType);
        var writer = new ProtobufWriter();
        writer.WriteString(ValueInfoName, value.Name);
        writer.WriteMessage(ValueInfoType, type);
        return writer;
    }
}
