using System;
using System.Linq;
using NetGen.Generators.Model;

namespace NetGen.Generators.Emitters;

/// <summary>
/// Writes the CPU implementation of a network: constants, the parameter and workspace layout, constructors, then
/// <c>Forward</c> and <c>Backward</c> as straight-line calls into <c>NetGen.Kernels</c> with every size a constant.
/// Reads only the <see cref="NetworkSpec"/>; never touches symbols.
/// </summary>
public static class CpuEmitter
{
    private const string Span = "global::System.Span<float>";
    private const string ReadOnlySpan = "global::System.ReadOnlySpan<float>";
    private const string Kernels = "global::NetGen.Kernels";
    private const string Guards = "global::NetGen.Kernels.NetworkGuards";
    private const string Checks = "global::NetGen.Checks.FiniteChecks";

    // Attributes on the emitted members (see EmittedAttributes): [GeneratedCode] on every member holding code,
    // [DebuggerNonUserCode] on the workspace plumbing, the scratch buffers hidden from the debugger. Forward,
    // ComputeGradients and the layer code stay visible and steppable.
    private static readonly string GeneratedCode = EmittedAttributes.GeneratedCode;
    private const string NonUserCode = EmittedAttributes.NonUserCode;
    private const string NotBrowsable = EmittedAttributes.NotBrowsable;

    /// <summary>The hint name of the generated file.</summary>
    public static string HintName(NetworkSpec spec) => spec.Type.HintName + ".Cpu.g.cs";

    public static string Emit(NetworkSpec spec)
    {
        HierarchyInfo type = spec.Type;
        SourceWriter w = SourceWriter.OpenNetworkFile(type, " : global::NetGen.INetwork");
        WriteConstants(w, spec);
        WriteLayout(w, spec);
        WriteConstructors(w, spec);
        WriteInterface(w, spec);
        WriteForward(w, spec);
        WriteComputeGradients(w, spec);
        WriteConstraints(w, spec);
        WritePredictor(w, spec);
        WriteForwardCore(w, spec);
        WriteBackwardCore(w, spec);
        WriteChecks(w, spec);
        WriteWorkspace(w, spec);
        return w.CloseNetworkFile(type);
    }

    private static void WriteConstants(SourceWriter w, NetworkSpec spec)
    {
        w.Line("/// <summary>Number of input features of one sample.</summary>");
        w.Line(GeneratedCode);
        w.Line(I($"public const int InputSize = {spec.InputSize};"));
        w.Line("/// <summary>Number of outputs of one sample.</summary>");
        w.Line(GeneratedCode);
        w.Line(I($"public const int OutputSize = {spec.OutputSize};"));
        w.Line("/// <summary>Length of <see cref=\"Parameters\"/> and <see cref=\"Gradients\"/>.</summary>");
        w.Line(GeneratedCode);
        w.Line(I($"public const int ParameterCount = {spec.ParameterCount};"));
        w.Line();
        w.Line($"private const string __NetworkName = \"{spec.Type.DisplayName}\";");
        w.Line();
    }

    private static void WriteLayout(SourceWriter w, NetworkSpec spec)
    {
        w.Line("// Parameters and Gradients, PyTorch's layout (per layer: weight, then bias, then learned PReLU slopes):");
        w.Line("//   offset  tensor            shape");
        foreach (LayerSpec layer in spec.Layers)
        {
            if (layer.WeightCount > 0)
            {
                w.Line(I($"//   {layer.ParameterOffset,6}  {LayerName(layer)}.weight{"",-4} {WeightShape(layer)}"));
            }

            if (layer.HasBias)
            {
                w.Line(I($"//   {layer.BiasOffset,6}  {LayerName(layer)}.bias{"",-6} [{layer.BiasCount}]"));
            }

            if (layer.SlopeCount > 0)
            {
                w.Line(I($"//   {layer.SlopeOffset,6}  {LayerName(layer)}.slopes{"",-4} [{layer.SlopeCount}]"));
            }
        }

        w.Line("// Offsets into Parameters and Gradients, and per-sample offsets into the workspace: layer k's outputs");
        w.Line("// [batch, units] start at batch * LayerkOutputs in __activations.");
        w.Line(GeneratedCode);
        w.Open("private static class __Layout");
        int activationOffset = 0;
        foreach (LayerSpec layer in spec.Layers)
        {
            if (layer.WeightCount > 0)
            {
                w.Line(I($"public const int {LayerName(layer)}Weight = {layer.ParameterOffset}; // {WeightShape(layer)}"));
            }

            if (layer.HasBias)
            {
                w.Line(I($"public const int {LayerName(layer)}Bias = {layer.BiasOffset}; // [{layer.BiasCount}]"));
            }

            if (layer.SlopeCount > 0)
            {
                w.Line(I($"public const int {LayerName(layer)}Slopes = {layer.SlopeOffset}; // [{layer.SlopeCount}]"));
                w.Line(I($"public const int {LayerName(layer)}PreActivations = {activationOffset}; // {layer.Output} per sample"));
                activationOffset += layer.Units;
            }

            w.Line(I($"public const int {LayerName(layer)}Outputs = {activationOffset}; // {layer.Output} per sample"));
            activationOffset += layer.Units;
        }

        int maskOffset = 0;
        foreach (LayerSpec layer in spec.Layers.Where(l => l.Kind == LayerKind.Dropout))
        {
            w.Line(I($"public const int {LayerName(layer)}Mask = {maskOffset}; // {layer.Output} per sample"));
            maskOffset += layer.Units;
        }

        w.Line(I($"public const int MasksPerSample = {maskOffset};"));

        w.Line(I($"public const int ActivationsPerSample = {activationOffset};"));
        w.Line(I($"public const int DeltasPerSample = {DeltaWidth(spec)};"));
        w.Close();
        w.Line();
        w.Line("private readonly float[] __parameters = new float[ParameterCount];");
        w.Line("private readonly float[] __gradients = new float[ParameterCount];");
        w.Line(NotBrowsable);
        w.Line("private float[] __activations = global::System.Array.Empty<float>(); // batch * ActivationsPerSample: one [batch, units] block per layer");
        w.Line(NotBrowsable);
        w.Line("private float[] __deltasEven = global::System.Array.Empty<float>(); // [batch, DeltasPerSample]: dL/dy of even layers");
        w.Line(NotBrowsable);
        w.Line("private float[] __deltasOdd = global::System.Array.Empty<float>(); // [batch, DeltasPerSample]: dL/dy of odd layers");
        w.Line(NotBrowsable);
        w.Line("private float[] __masks = global::System.Array.Empty<float>(); // batch * MasksPerSample: the dropout masks of the last training pass");
        w.Line(NotBrowsable);
        w.Line("private int __batchCapacity;");
        w.Line(NotBrowsable);
        w.Line("private int __lastBatch;");
        w.Line(NotBrowsable);
        w.Line("private int __inUse; // 1 while Forward or ComputeGradients runs: a second thread entering meanwhile is reported");
        if (spec.HasDropout)
        {
            w.Line("private readonly global::NetGen.SeededRandom __dropoutRandom;");
        }
        w.Line();
    }

    private static void WriteConstructors(SourceWriter w, NetworkSpec spec)
    {
        w.Line("/// <summary>Creates the network with weights drawn deterministically from <paramref name=\"seed\"/>");
        w.Line("/// (He-uniform before ReLU, Glorot-uniform otherwise) and zero biases.</summary>");
        w.Line(GeneratedCode);
        w.Open($"public {spec.Type.Name}(int seed)");
        w.Line("global::NetGen.SeededRandom random = new global::NetGen.SeededRandom(seed);");
        foreach (LayerSpec layer in spec.Layers.Where(l => l.WeightCount > 0))
        {
            // Fans as torch.nn.init computes them: in * k * k and out * k * k for a convolution.
            int receptive = layer.Kind == LayerKind.Conv2D ? layer.Kernel * layer.Kernel : 1;
            int fanIn = (layer.Kind == LayerKind.Conv2D ? layer.Input.Channels : layer.InputSize) * receptive;
            int fanOut = (layer.Kind == LayerKind.Conv2D ? layer.Output.Channels : layer.Units) * receptive;
            string weights = I($"new {Span}(__parameters, __Layout.{LayerName(layer)}Weight, {layer.WeightCount})");
            w.Line(layer.Activation == ActivationKind.ReLU
                ? I($"{Kernels}.Initialization.HeUniform({weights}, fanIn: {fanIn}, random);")
                : I($"{Kernels}.Initialization.GlorotUniform({weights}, fanIn: {fanIn}, fanOut: {fanOut}, random);"));
        }

        foreach (LayerSpec layer in spec.Layers.Where(l => l.SlopeCount > 0))
        {
            w.Line(I($"new {Span}(__parameters, __Layout.{LayerName(layer)}Slopes, {layer.SlopeCount}).Fill({Kernels}.PReLU.InitialSlope);"));
        }

        if (spec.HasDropout)
        {
            w.Line("__dropoutRandom = new global::NetGen.SeededRandom(seed ^ 0x5EED);");
        }

        w.Close();
        w.Line();
        w.Line("/// <summary>Creates the network from existing parameters in PyTorch's layout (copied).</summary>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">The length is not <see cref=\"ParameterCount\"/>.</exception>");
        w.Line(GeneratedCode);
        w.Open($"public {spec.Type.Name}({ReadOnlySpan} parameters)");
        w.Line($"{Guards}.ParameterLength(__NetworkName, parameters.Length, ParameterCount);");
        w.Line("parameters.CopyTo(__parameters);");
        if (spec.HasDropout)
        {
            w.Line("__dropoutRandom = new global::NetGen.SeededRandom(0x5EED);");
        }
        w.Close();
        w.Line();
    }

    private static void WriteInterface(SourceWriter w, NetworkSpec spec)
    {
        w.Line("/// <inheritdoc cref=\"global::NetGen.INetwork.Parameters\"/>");
        w.Line(GeneratedCode);
        w.Line($"public {Span} Parameters => __parameters;");
        w.Line();
        w.Line("/// <inheritdoc cref=\"global::NetGen.INetwork.Gradients\"/>");
        w.Line(GeneratedCode);
        w.Line($"public {Span} Gradients => __gradients;");
        w.Line();
        w.Line("/// <inheritdoc cref=\"global::NetGen.INetwork.ParameterTensors\"/>");
        w.Line(GeneratedCode);
        w.Line("public global::System.Collections.Generic.IReadOnlyList<global::NetGen.TensorInfo> ParameterTensors => __tensors;");
        w.Line();
        w.Line("private static readonly global::NetGen.TensorInfo[] __tensors =");
        w.Line("{");
        foreach (LayerSpec layer in spec.Layers)
        {
            if (layer.WeightCount > 0)
            {
                w.Line(I($"    new(\"{layer.ModuleIndex}.weight\", __Layout.{LayerName(layer)}Weight, {WeightShape(layer).Trim('[', ']')}),"));
            }

            if (layer.HasBias)
            {
                w.Line(I($"    new(\"{layer.ModuleIndex}.bias\", __Layout.{LayerName(layer)}Bias, {layer.BiasCount}),"));
            }

            if (layer.SlopeCount > 0)
            {
                w.Line(I($"    new(\"{layer.ModuleIndex + 1}.weight\", __Layout.{LayerName(layer)}Slopes, {layer.SlopeCount}),"));
            }
        }

        w.Line("};");
        w.Line();
        w.Line("/// <inheritdoc cref=\"global::NetGen.INetwork.Layers\"/>");
        w.Line(GeneratedCode);
        w.Line("public global::System.Collections.Generic.IReadOnlyList<global::NetGen.LayerInfo> Layers => __layers;");
        w.Line();
        w.Line("private static readonly global::NetGen.LayerInfo[] __layers =");
        w.Line("{");
        int tensor = 0;
        foreach (LayerSpec layer in spec.Layers)
        {
            string weight = layer.WeightCount > 0 ? I($"__tensors[{tensor++}]") : "null";
            string bias = layer.HasBias ? I($"__tensors[{tensor++}]") : "null";
            string slopes = layer.SlopeCount > 0 ? I($"__tensors[{tensor++}]") : "null";
            w.Line(I($"    new(global::NetGen.LayerKind.{layer.Kind}, {ShapeArray(layer.Input)}, {ShapeArray(layer.Output)}, global::NetGen.Activation.{layer.Activation}, {Float(layer.ActivationParameter)}, {layer.Kernel}, {layer.Stride}, {layer.Padding}, {Float(layer.DropoutProbability)}, {weight}, {bias}, {slopes}),"));
        }

        w.Line("};");
        w.Line();
        LayerSpec lastLayer = spec.Layers[spec.Layers.Count - 1];
        w.Line("/// <inheritdoc cref=\"global::NetGen.INetwork.LastOutputs\"/>");
        w.Line(GeneratedCode);
        w.Line(I($"public {ReadOnlySpan} LastOutputs => new {ReadOnlySpan}(__activations, __lastBatch * __Layout.{LayerName(lastLayer)}Outputs, __lastBatch * OutputSize);"));
        w.Line();
        w.Line(GeneratedCode);
        w.Line(NonUserCode);
        w.Line("int global::NetGen.INetwork.InputSize => InputSize;");
        w.Line(GeneratedCode);
        w.Line(NonUserCode);
        w.Line("int global::NetGen.INetwork.OutputSize => OutputSize;");
        w.Line(GeneratedCode);
        w.Line(NonUserCode);
        w.Line("int global::NetGen.INetwork.ParameterCount => ParameterCount;");
        w.Line(GeneratedCode);
        w.Line(NonUserCode);
        w.Line($"global::NetGen.Loss global::NetGen.INetwork.Loss => global::NetGen.Loss.{spec.Loss};");
        w.Line();
        w.Line("/// <inheritdoc cref=\"global::NetGen.INetwork.NonFiniteCheck\"/>");
        w.Line(GeneratedCode);
        w.Line("public bool NonFiniteCheck { get; set; }");
        w.Line();
    }

    private static void WriteForward(SourceWriter w, NetworkSpec spec)
    {
        LayerSpec last = spec.Layers[spec.Layers.Count - 1];
        w.Line("/// <inheritdoc cref=\"global::NetGen.INetwork.Forward\"/>");
        w.Line(GeneratedCode);
        w.Open($"public void Forward({ReadOnlySpan} inputs, {Span} outputs)");
        w.Line($"int batch = {Guards}.BatchSize(__NetworkName, inputs.Length, InputSize, outputs.Length, OutputSize, \"inputs\", \"outputs\");");
        w.Line("__Enter();");
        w.Open("try");
        w.Line("__EnsureWorkspace(batch);");
        w.Line($"__ForwardCore(__parameters, __activations, __masks, {DropoutRandom(spec)}, inputs, batch, training: false);");
        w.Line("__lastBatch = batch;");
        WriteForwardCheck(w);
        w.Line($"(({Span})__activations).Slice(batch * __Layout.{LayerName(last)}Outputs, batch * OutputSize).CopyTo(outputs);");
        w.Close();
        WriteExit(w);
        w.Close();
        w.Line();
    }

    private static void WriteComputeGradients(SourceWriter w, NetworkSpec spec)
    {
        LayerSpec last = spec.Layers[spec.Layers.Count - 1];
        string outputs = I($"activations.Slice(batch * __Layout.{LayerName(last)}Outputs, batch * OutputSize)");
        string deltas = I($"{DeltaBuffer(last)}.Slice(0, batch * OutputSize)");

        w.Line("/// <inheritdoc cref=\"global::NetGen.INetwork.ComputeGradients(global::System.ReadOnlySpan{float}, global::System.ReadOnlySpan{float})\"/>");
        w.Line(GeneratedCode);
        w.Open($"public float ComputeGradients({ReadOnlySpan} inputs, {ReadOnlySpan} targets)");
        w.Line($"int batch = {Guards}.BatchSize(__NetworkName, inputs.Length, InputSize, targets.Length, OutputSize, \"inputs\", \"targets\");");
        w.Line("__Enter();");
        w.Open("try");
        w.Line("__EnsureWorkspace(batch);");
        w.Line($"__ForwardCore(__parameters, __activations, __masks, {DropoutRandom(spec)}, inputs, batch, training: true);");
        w.Line("__lastBatch = batch;");
        WriteForwardCheck(w, I($"{Checks}.Targets(__NetworkName, targets, {last.Index}, global::NetGen.LayerKind.{last.Kind});"));
        WriteLossLocals(w, last);
        w.Line(spec.Loss switch
        {
            LossKind.CrossEntropy => $"float loss = {Kernels}.SoftmaxCrossEntropy.Backward({outputs}, targets, {deltas}, batch, OutputSize);",
            LossKind.L1 => $"float loss = {Kernels}.MeanAbsoluteError.Backward({outputs}, targets, {deltas});",
            LossKind.BCE => $"float loss = {Kernels}.BinaryCrossEntropy.Backward({outputs}, targets, {deltas});",
            LossKind.BCEWithLogits => $"float loss = {Kernels}.BinaryCrossEntropyWithLogits.Backward({outputs}, targets, {deltas});",
            LossKind.Perceptron => $"float loss = {Kernels}.PerceptronLoss.Backward({outputs}, targets, {deltas}, batch);",
            _ => $"float loss = {Kernels}.MeanSquaredError.Backward({outputs}, targets, {deltas});",
        });
        w.Line("__BackwardCore(inputs, batch);");
        WritePenalties(w, spec);
        WriteGradientCheck(w);
        w.Line("return loss;");
        w.Close();
        WriteExit(w);
        w.Close();
        w.Line();

        if (spec.Loss == LossKind.CrossEntropy)
        {
            w.Line("/// <inheritdoc cref=\"global::NetGen.INetwork.ComputeGradients(global::System.ReadOnlySpan{float}, global::System.ReadOnlySpan{int})\"/>");
            w.Line(GeneratedCode);
            w.Open("public float ComputeGradients(" + ReadOnlySpan + " inputs, global::System.ReadOnlySpan<int> labels)");
            w.Line($"int batch = {Guards}.BatchSize(__NetworkName, inputs.Length, InputSize, labels.Length, 1, \"inputs\", \"labels\");");
            w.Line($"{Guards}.Labels(__NetworkName, labels, OutputSize);");
            w.Line("__Enter();");
            w.Open("try");
            w.Line("__EnsureWorkspace(batch);");
            w.Line($"__ForwardCore(__parameters, __activations, __masks, {DropoutRandom(spec)}, inputs, batch, training: true);");
            w.Line("__lastBatch = batch;");
            WriteForwardCheck(w);
            WriteLossLocals(w, last);
            w.Line($"float loss = {Kernels}.SoftmaxCrossEntropy.Backward({outputs}, labels, {deltas}, batch, OutputSize);");
            w.Line("__BackwardCore(inputs, batch);");
            WritePenalties(w, spec);
            WriteGradientCheck(w);
            w.Line("return loss;");
            w.Close();
            WriteExit(w);
            w.Close();
        }
        else
        {
            w.Line(GeneratedCode);
            w.Line("float global::NetGen.INetwork.ComputeGradients(" + ReadOnlySpan + " inputs, global::System.ReadOnlySpan<int> labels) =>");
            w.Line($"    throw {Guards}.LabelsNotSupported(__NetworkName, global::NetGen.Loss.{spec.Loss});");
        }

        w.Line();
    }

    /// <summary>Adds each layer's L1/L2 penalty to the loss and its gradient to Gradients.</summary>
    private static void WritePenalties(SourceWriter w, NetworkSpec spec)
    {
        foreach (LayerSpec layer in spec.Layers.Where(l => l.L1 > 0 || l.L2 > 0))
        {
            string name = LayerName(layer);
            w.Line(I($"loss += {Kernels}.Regularization.Penalty(new {ReadOnlySpan}(__parameters, __Layout.{name}Weight, {layer.WeightCount}), new {Span}(__gradients, __Layout.{name}Weight, {layer.WeightCount}), l1: {Float(layer.L1)}, l2: {Float(layer.L2)});"));
        }
    }

    /// <summary>With NonFiniteCheck on: the inputs, each layer's parameters and outputs, then <paramref name="more"/>.</summary>
    private static void WriteForwardCheck(SourceWriter w, string? more = null)
    {
        w.Open("if (NonFiniteCheck)");
        w.Line("__CheckForward(__parameters, __activations, inputs, batch);");
        if (more is not null)
        {
            w.Line(more);
        }

        w.Close();
    }

    private static void WriteGradientCheck(SourceWriter w)
    {
        w.Open("if (NonFiniteCheck)");
        w.Line("__CheckGradients(__gradients);");
        w.Close();
    }

    /// <summary>The end of the region <c>__Enter</c> opened: the instance is free again, even after an exception.</summary>
    private static void WriteExit(SourceWriter w)
    {
        w.Open("finally");
        w.Line("global::System.Threading.Volatile.Write(ref __inUse, 0);");
        w.Close();
    }

    private static string DropoutRandom(NetworkSpec spec) => spec.HasDropout ? "__dropoutRandom" : "null";

    private static void WriteConstraints(SourceWriter w, NetworkSpec spec)
    {
        w.Line("/// <inheritdoc cref=\"global::NetGen.INetwork.ApplyConstraints\"/>");
        w.Line(GeneratedCode);
        w.Open("public void ApplyConstraints()");
        foreach (LayerSpec layer in spec.Layers.Where(l => l.MaxNorm > 0))
        {
            string name = LayerName(layer);
            w.Line(I($"{Kernels}.Regularization.MaxNorm(new {Span}(__parameters, __Layout.{name}Weight, {layer.WeightCount}), rows: {layer.WeightRows}, maxNorm: {Float(layer.MaxNorm)});"));
        }

        w.Close();
        w.Line();
    }

    private static void WriteLossLocals(SourceWriter w, LayerSpec last)
    {
        w.Line($"{Span} activations = __activations;");
        w.Line($"{Span} {DeltaBuffer(last)} = __{DeltaBuffer(last)};");
    }

    private static void WriteForwardCore(SourceWriter w, NetworkSpec spec)
    {
        w.Line("// Forward: each layer reads the previous layer's outputs and writes its own, bias and activation fused.");
        w.Line("// Static, over the buffers it is given, so that a predictor runs it on its own workspace.");
        w.Line(GeneratedCode);
        w.Open($"private static void __ForwardCore({ReadOnlySpan} parameters, {Span} activations, {Span} masks, global::NetGen.SeededRandom? dropoutRandom, {ReadOnlySpan} inputs, int batch, bool training)");
        string previous = "inputs";
        foreach (LayerSpec layer in spec.Layers)
        {
            string name = LayerName(layer);
            string outputs = Camel(name) + "Outputs";
            if (layer.Index > 0)
            {
                w.Line();
            }

            w.Line("// " + Describe(layer));
            w.Line(I($"{Span} {outputs} = activations.Slice(batch * __Layout.{name}Outputs, batch * {layer.Units}); // [batch, {layer.Units}]"));
            switch (layer.Kind)
            {
                case LayerKind.Dense:
                case LayerKind.Conv2D:
                    string target = outputs;
                    if (layer.SlopeCount > 0)
                    {
                        target = Camel(name) + "PreActivations";
                        w.Line(I($"{Span} {target} = activations.Slice(batch * __Layout.{name}PreActivations, batch * {layer.Units}); // [batch, {layer.Units}]"));
                    }

                    w.Line(I($"{Kernels}.{layer.Kind}.Forward("));
                    w.Line(I($"    {Operator(layer)}, {previous}, parameters.Slice(__Layout.{name}Weight, {layer.WeightCount}), {BiasSlice("parameters", layer)},"));
                    w.Line(I($"    {target}, {Sizes(layer)});"));
                    if (layer.SlopeCount > 0)
                    {
                        w.Line(I($"{Kernels}.PReLU.Forward({target}, parameters.Slice(__Layout.{name}Slopes, {layer.SlopeCount}), {outputs}, batch, {layer.OutputChannels}, {layer.ChannelSize});"));
                    }

                    if (layer.Activation == ActivationKind.Softmax)
                    {
                        w.Line(I($"{Kernels}.Softmax.Forward({outputs}, batch, {layer.Units});"));
                    }

                    break;
                case LayerKind.MaxPool2D:
                case LayerKind.AvgPool2D:
                    w.Line(I($"{Kernels}.{layer.Kind}.Forward({previous}, {outputs}, {Sizes(layer)});"));
                    break;
                default:
                    w.Line("if (training)");
                    w.Line("{");
                    w.Line(I($"    {Kernels}.Dropout.Forward({previous}, {outputs}, masks.Slice(batch * __Layout.{name}Mask, batch * {layer.Units}), {Float(layer.DropoutProbability)}, dropoutRandom!);"));
                    w.Line("}");
                    w.Line("else");
                    w.Line("{");
                    w.Line(I($"    {previous}.CopyTo({outputs});"));
                    w.Line("}");
                    break;
            }

            previous = outputs;
        }

        w.Close();
        w.Line();
    }

    private static void WriteBackwardCore(SourceWriter w, NetworkSpec spec)
    {
        w.Line("// Backward: the layers in reverse over the outputs Forward saved. Expects dL/dy of the last layer in its");
        w.Line("// delta buffer; overwrites Gradients (cleared first, then accumulated by the kernels).");
        w.Line(GeneratedCode);
        w.Open($"private void __BackwardCore({ReadOnlySpan} inputs, int batch)");
        w.Line($"{ReadOnlySpan} parameters = __parameters;");
        w.Line($"{Span} gradients = __gradients;");
        w.Line($"{Span} activations = __activations;");
        w.Line($"{Span} deltasEven = __deltasEven;");
        w.Line($"{Span} deltasOdd = __deltasOdd;");
        w.Line("gradients.Clear();");
        for (int i = spec.Layers.Count - 1; i >= 0; i--)
        {
            LayerSpec layer = spec.Layers[i];
            string name = LayerName(layer);
            string layerInputs = i == 0 ? "inputs" : I($"activations.Slice(batch * __Layout.{LayerName(spec.Layers[i - 1])}Outputs, batch * {layer.InputSize})");
            string dInputs = i == 0 ? I($"{Span}.Empty") : I($"{DeltaBuffer(spec.Layers[i - 1])}.Slice(0, batch * {layer.InputSize})");
            string outputs = I($"activations.Slice(batch * __Layout.{name}Outputs, batch * {layer.Units})");
            string dOutputs = I($"{DeltaBuffer(layer)}.Slice(0, batch * {layer.Units})");
            w.Line();
            w.Line("// " + Describe(layer) + (i == 0 ? "; the network's input needs no gradient" : ""));
            switch (layer.Kind)
            {
                case LayerKind.Dense:
                case LayerKind.Conv2D:
                    if (layer.Activation == ActivationKind.Softmax)
                    {
                        w.Line(I($"{Kernels}.Softmax.Backward({outputs}, {dOutputs}, batch, {layer.Units});"));
                    }

                    if (layer.SlopeCount > 0)
                    {
                        outputs = I($"activations.Slice(batch * __Layout.{name}PreActivations, batch * {layer.Units})");
                        w.Line(I($"{Kernels}.PReLU.Backward({outputs}, parameters.Slice(__Layout.{name}Slopes, {layer.SlopeCount}), {dOutputs}, gradients.Slice(__Layout.{name}Slopes, {layer.SlopeCount}), batch, {layer.OutputChannels}, {layer.ChannelSize});"));
                    }

                    w.Line(I($"{Kernels}.{layer.Kind}.Backward("));
                    w.Line(I($"    {Operator(layer)}, {layerInputs}, parameters.Slice(__Layout.{name}Weight, {layer.WeightCount}),"));
                    w.Line(I($"    {outputs}, {dOutputs},"));
                    w.Line(I($"    gradients.Slice(__Layout.{name}Weight, {layer.WeightCount}), {BiasSlice("gradients", layer)}, {dInputs},"));
                    w.Line(I($"    {Sizes(layer)});"));
                    break;
                case LayerKind.MaxPool2D:
                case LayerKind.AvgPool2D:
                    if (i > 0)
                    {
                        w.Line(I($"{Kernels}.{layer.Kind}.Backward({layerInputs}, {outputs}, {dOutputs}, {dInputs}, {Sizes(layer)});"));
                    }

                    break;
                default:
                    if (i > 0)
                    {
                        w.Line(I($"{Kernels}.Dropout.Backward(new {ReadOnlySpan}(__masks, batch * __Layout.{name}Mask, batch * {layer.Units}), {dOutputs}, {dInputs});"));
                    }

                    break;
            }
        }

        w.Close();
        w.Line();
    }

    /// <summary>The size arguments of a layer's kernels, all constants but the batch.</summary>
    private static string Sizes(LayerSpec layer) => layer.Kind switch
    {
        LayerKind.Dense => I($"batch, inputSize: {layer.InputSize}, outputSize: {layer.Units}"),
        LayerKind.Conv2D => I($"batch, inChannels: {layer.Input.Channels}, inHeight: {layer.Input.Height}, inWidth: {layer.Input.Width}, outChannels: {layer.Output.Channels}, kernelSize: {layer.Kernel}, stride: {layer.Stride}, padding: {layer.Padding}"),
        _ => I($"batch, channels: {layer.Input.Channels}, inHeight: {layer.Input.Height}, inWidth: {layer.Input.Width}, size: {layer.Kernel}, stride: {layer.Stride}"),
    };

    private static string Describe(LayerSpec layer)
    {
        string bias = layer.WeightCount > 0 && !layer.HasBias ? ", no bias" : "";
        return layer.Kind switch
        {
            LayerKind.Dense => I($"{LayerName(layer)}: Dense {(layer.Input.IsImage ? $"{layer.Input} flattened to {layer.InputSize}" : layer.InputSize.ToString(System.Globalization.CultureInfo.InvariantCulture))} -> {layer.Units}, {layer.Activation}{bias}"),
            LayerKind.Conv2D => I($"{LayerName(layer)}: Conv2D {layer.Kernel}x{layer.Kernel}, stride {layer.Stride}, padding {layer.Padding}, {layer.Input} -> {layer.Output}, {layer.Activation}{bias}"),
            LayerKind.Dropout => I($"{LayerName(layer)}: Dropout p = {layer.DropoutProbability.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}, {layer.Input}"),
            _ => I($"{LayerName(layer)}: {layer.Kind} {layer.Kernel}x{layer.Kernel}, stride {layer.Stride}, {layer.Input} -> {layer.Output}"),
        };
    }

    private static string WeightShape(LayerSpec layer) => layer.Kind == LayerKind.Conv2D
        ? I($"[{layer.Output.Channels}, {layer.Input.Channels}, {layer.Kernel}, {layer.Kernel}]")
        : I($"[{layer.Units}, {layer.InputSize}]");

    private static string ShapeArray(Shape shape) => shape.IsImage
        ? I($"new[] {{ {shape.Channels}, {shape.Height}, {shape.Width} }}")
        : I($"new[] {{ {shape.Size} }}");

    private static string Float(float value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "f";

    private static void WritePredictor(SourceWriter w, NetworkSpec spec)
    {
        LayerSpec last = spec.Layers[spec.Layers.Count - 1];
        w.Line("/// <inheritdoc cref=\"global::NetGen.INetwork.CreatePredictor\"/>");
        w.Line(GeneratedCode);
        w.Line("public global::NetGen.INetworkPredictor CreatePredictor() => new __Predictor(__parameters, NonFiniteCheck);");
        w.Line();
        w.Line("// Inference on another thread: the network's parameters, read in place, and a workspace of its own.");
        w.Line(GeneratedCode);
        w.Open("private sealed class __Predictor : global::NetGen.INetworkPredictor");
        w.Line("private readonly float[] __parameters;");
        w.Line("private float[] __activations = global::System.Array.Empty<float>(); // batch * ActivationsPerSample");
        w.Line("private int __batchCapacity;");
        w.Line("private int __inUse;");
        w.Line();
        w.Open("public __Predictor(float[] parameters, bool nonFiniteCheck)");
        w.Line("__parameters = parameters;");
        w.Line("NonFiniteCheck = nonFiniteCheck;");
        w.Close();
        w.Line();
        w.Line(I($"public int InputSize => {spec.InputSize};"));
        w.Line(I($"public int OutputSize => {spec.OutputSize};"));
        w.Line("public bool NonFiniteCheck { get; set; }");
        w.Line();
        w.Open($"public void Forward({ReadOnlySpan} inputs, {Span} outputs)");
        w.Line($"int batch = {Guards}.BatchSize(__NetworkName, inputs.Length, InputSize, outputs.Length, OutputSize, \"inputs\", \"outputs\");");
        w.Open("if (global::System.Threading.Interlocked.Exchange(ref __inUse, 1) != 0)");
        w.Line("throw global::NetGen.Checks.ConcurrentUse.Predictor(__NetworkName);");
        w.Close();
        w.Line();
        w.Open("try");
        w.Open("if (batch > __batchCapacity)");
        w.Line("long length = (long)batch * __Layout.ActivationsPerSample;");
        w.Open("if (length > global::System.Array.MaxLength)");
        w.Line("throw new global::System.ArgumentException(");
        w.Line("    $\"{__NetworkName}: a batch of {batch} samples needs {length} workspace values, more than one array can hold; use smaller batches.\");");
        w.Close();
        w.Line();
        w.Line("__activations = new float[length];");
        w.Line("__batchCapacity = batch;");
        w.Close();
        w.Line();
        w.Line("__ForwardCore(__parameters, __activations, default, null, inputs, batch, training: false);");
        w.Open("if (NonFiniteCheck)");
        w.Line("__CheckForward(__parameters, __activations, inputs, batch);");
        w.Close();
        w.Line();
        w.Line($"(({Span})__activations).Slice(batch * __Layout.{LayerName(last)}Outputs, batch * OutputSize).CopyTo(outputs);");
        w.Close();
        WriteExit(w);
        w.Close();
        w.Close();
        w.Line();
    }

    private static void WriteChecks(SourceWriter w, NetworkSpec spec)
    {
        w.Line("// NonFiniteCheck: the inputs, then each layer's parameters and outputs, in the order the forward pass computed them.");
        w.Line(GeneratedCode);
        w.Open($"private static void __CheckForward({ReadOnlySpan} parameters, {ReadOnlySpan} activations, {ReadOnlySpan} inputs, int batch)");
        w.Line(I($"{Checks}.Inputs(__NetworkName, inputs, global::NetGen.LayerKind.{spec.Layers[0].Kind});"));
        foreach (LayerSpec layer in spec.Layers)
        {
            string name = LayerName(layer);
            string kind = I($"{layer.Index}, global::NetGen.LayerKind.{layer.Kind}");
            if (layer.ParameterCount > 0)
            {
                w.Line(I($"{Checks}.Parameters(__NetworkName, {kind}, parameters.Slice(__Layout.{name}Weight, {layer.ParameterCount}));"));
            }

            w.Line(I($"{Checks}.Outputs(__NetworkName, {kind}, activations.Slice(batch * __Layout.{name}Outputs, batch * {layer.Units}));"));
        }

        w.Close();
        w.Line();
        w.Line("// NonFiniteCheck: each layer's gradients, from the first layer.");
        w.Line(GeneratedCode);
        w.Open($"private static void __CheckGradients({ReadOnlySpan} gradients)");
        foreach (LayerSpec layer in spec.Layers.Where(l => l.ParameterCount > 0))
        {
            w.Line(I($"{Checks}.Gradients(__NetworkName, {layer.Index}, global::NetGen.LayerKind.{layer.Kind}, gradients.Slice(__Layout.{LayerName(layer)}Weight, {layer.ParameterCount}));"));
        }

        w.Close();
        w.Line();
    }

    private static void WriteWorkspace(SourceWriter w, NetworkSpec spec)
    {
        w.Line("// Grows the workspace to hold a batch; a batch no larger than one seen before allocates nothing.");
        w.Line(GeneratedCode);
        w.Line(NonUserCode);
        w.Open("private void __EnsureWorkspace(int batch)");
        w.Line("if (batch <= __batchCapacity)");
        w.Line("{");
        w.Line("    return;");
        w.Line("}");
        w.Line();
        w.Line("long activations = (long)batch * __Layout.ActivationsPerSample;");
        w.Line("long deltas = (long)batch * __Layout.DeltasPerSample;");
        w.Line("if (activations > global::System.Array.MaxLength || deltas > global::System.Array.MaxLength)");
        w.Line("{");
        w.Line("    throw new global::System.ArgumentException(");
        w.Line("        $\"{__NetworkName}: a batch of {batch} samples needs {activations} workspace values, more than one array can hold; use smaller batches.\");");
        w.Line("}");
        w.Line();
        w.Line("__activations = new float[activations];");
        w.Line("__deltasEven = new float[deltas];");
        w.Line("__deltasOdd = new float[deltas];");
        w.Line("__masks = new float[(long)batch * __Layout.MasksPerSample];");
        w.Line("__batchCapacity = batch;");
        w.Close();
        w.Line();
        w.Line("// Marks the instance in use; a second thread arriving before the first leaves gets an exception, not torn buffers.");
        w.Line(GeneratedCode);
        w.Line(NonUserCode);
        w.Open("private void __Enter()");
        w.Open("if (global::System.Threading.Interlocked.Exchange(ref __inUse, 1) != 0)");
        w.Line("throw global::NetGen.Checks.ConcurrentUse.Network(__NetworkName);");
        w.Close();
        w.Close();
    }

    private static string LayerName(LayerSpec layer) => I($"Layer{layer.Index}");

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name.Substring(1);

    private static string DeltaBuffer(LayerSpec layer) => layer.Index % 2 == 0 ? "deltasEven" : "deltasOdd";

    private static int DeltaWidth(NetworkSpec spec) => spec.Layers.Max(l => l.Units);

    private static string BiasSlice(string buffer, LayerSpec layer) =>
        layer.HasBias ? I($"{buffer}.Slice(__Layout.{LayerName(layer)}Bias, {layer.BiasCount})") : "default";

    /// <summary>The expression creating the activation's operator struct, its hyper-parameters as literals.</summary>
    private static string Operator(LayerSpec layer) => layer.Activation switch
    {
        ActivationKind.Identity or ActivationKind.Softmax or ActivationKind.PReLU => $"new {Kernels}.IdentityOperator()",
        ActivationKind.BinaryStep => $"new {Kernels}.BinaryStepOperator()",
        ActivationKind.ArcTan => $"new {Kernels}.ArcTanOperator()",
        ActivationKind.LeakyReLU => $"new {Kernels}.LeakyReLUOperator({Float(layer.ActivationParameter)})",
        ActivationKind.ELU => $"new {Kernels}.ELUOperator({Float(layer.ActivationParameter)})",
        ActivationKind.SoftPlus => $"new {Kernels}.SoftPlusOperator({Float(layer.ActivationParameter)})",
        ActivationKind.Sigmoid => $"new {Kernels}.SigmoidOperator()",
        ActivationKind.Tanh => $"new {Kernels}.TanhOperator()",
        ActivationKind.ReLU => $"new {Kernels}.ReLUOperator()",
        _ => throw new ArgumentOutOfRangeException(nameof(layer), layer.Activation, "The parser admits only known activations."),
    };

    private static string I(FormattableString text) => FormattableString.Invariant(text);
}
