using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Generators.Model;

namespace NetGen.Generators.Emitters;

/// <summary>
/// Writes a network's GPU companion, the nested class <c>Gpu</c> deriving from <c>NetGen.Gpu.GpuNetwork</c>: one ILGPU
/// kernel per layer step, each a static method calling a device function of <c>NetGen.Gpu.Kernels.DeviceLayers</c>
/// with the layer's sizes and offsets as literals, and the launch sequences of the forward and backward passes.
/// Emitted only when the compilation references ILGPU and NetGen.Gpu. Reads only the <see cref="NetworkSpec"/>.
/// </summary>
public static class GpuEmitter
{
    private const string View = "global::ILGPU.ArrayView<float>";
    private const string Device = "global::NetGen.Gpu.Kernels.DeviceLayers";
    private const string Activations = "global::NetGen.Gpu.Kernels";

    // [GeneratedCode] (see EmittedAttributes) on the class Gpu and on each of its members holding code, so that a tool
    // looking at a kernel's MethodInfo alone sees it too. No debugger attribute: the kernels run on the CPU
    // accelerator step by step like user code, and the launch sequences are what a user debugs.
    private static readonly string GeneratedCode = EmittedAttributes.GeneratedCode;

    private const string Signature =
        "(" + View + " parameters, " + View + " gradients, " + View + " activations, " + View + " deltasIn, " +
        View + " deltasOut, " + View + " inputs, int batch, int seed)";

    /// <summary>The hint name of the generated file.</summary>
    public static string HintName(NetworkSpec spec) => spec.Type.HintName + ".Gpu.g.cs";

    public static string Emit(NetworkSpec spec)
    {
        HierarchyInfo type = spec.Type;
        SourceWriter w = SourceWriter.OpenNetworkFile(type);
        WriteGpuClass(w, spec);
        return w.CloseNetworkFile(type);
    }

    private static void WriteGpuClass(SourceWriter w, NetworkSpec spec)
    {
        string? unsupported = Unsupported(spec);
        List<Kernel> kernels = unsupported is null ? Kernels(spec) : new List<Kernel>();
        int[] offsets = OutputOffsets(spec);
        LayerSpec last = spec.Layers[spec.Layers.Count - 1];

        w.Line("/// <summary>");
        w.Line("/// This network on an ILGPU accelerator: parameters, gradients, activations and a mini-batch resident on the");
        w.Line("/// device, one generated kernel per layer step. Parameters use the layout of <see cref=\"Parameters\"/>.");
        w.Line("/// </summary>");
        w.Line("/// <remarks>");
        w.Line("/// Every kernel takes the device buffers (parameters, gradients, activations, the incoming and outgoing deltas and");
        w.Line("/// the batch's inputs), the batch size and the step's dropout seed; <c>TShape</c> picks tiled or direct thread groups.");
        w.Line("/// </remarks>");
        w.Line(GeneratedCode);
        w.Open("public sealed class Gpu : global::NetGen.Gpu.GpuNetwork");
        w.Line(I($"private const int __ActivationsPerSample = {ExtraOffsets(spec, out _, out int total)}; // layer outputs, dropout masks, PReLU pre-activations"));
        w.Line(I($"private const int __DeltasPerSample = {spec.Layers.Max(l => l.Units)};"));
        w.Line();
        foreach (Kernel kernel in kernels)
        {
            w.Line($"private readonly global::NetGen.Gpu.LayerKernel __{Camel(kernel.Name)};");
        }

        if (kernels.Count > 0)
        {
            w.Line();
        }

        w.Line("/// <summary>Allocates the device buffers for batches of up to <paramref name=\"maxBatch\"/> samples and uploads <paramref name=\"network\"/>'s parameters.</summary>");
        if (unsupported is not null)
        {
            w.Line(I($"/// <exception cref=\"global::System.NotSupportedException\">Always: {XmlEscape(unsupported)}</exception>"));
        }

        w.Line("/// <param name=\"accelerator\">Where the network runs.</param>");
        w.Line("/// <param name=\"network\">The CPU network whose parameters are uploaded.</param>");
        w.Line("/// <param name=\"maxBatch\">The largest batch the device buffers hold.</param>");
        w.Line("/// <param name=\"shape\">How the kernels use thread groups; by default tiled on a GPU, direct on the CPU accelerator.</param>");
        w.Line(GeneratedCode);
        w.Line(I($"public Gpu(global::ILGPU.Runtime.Accelerator accelerator, {spec.Type.Name} network, int maxBatch, global::NetGen.Gpu.GpuKernelShape shape = global::NetGen.Gpu.GpuKernelShape.Auto)"));
        string outer = spec.Type.Name;
        w.Open(I($"    : base(accelerator, \"{spec.Type.DisplayName}\", {outer}.InputSize, {outer}.OutputSize, {outer}.ParameterCount, __ActivationsPerSample, __DeltasPerSample, {offsets[offsets.Length - 1]}, global::NetGen.Loss.{spec.Loss}, {(unsupported is null ? "maxBatch" : "__Unsupported()")}, shape)"));
        w.Line("global::System.ArgumentNullException.ThrowIfNull(network);");
        for (int i = 0; i < kernels.Count; i++)
        {
            w.Line(I($"__{Camel(kernels[i].Name)} = Load(KernelMethods[{i}]);"));
        }

        w.Line("CopyParametersFrom(network.Parameters);");
        w.Close();
        w.Line();
        if (unsupported is not null)
        {
            w.Line(GeneratedCode);
            w.Line("private static int __Unsupported() =>");
            w.Line($"    throw new global::System.NotSupportedException(\"{Escape(unsupported)}\");");
            w.Line();
        }

        w.Line("/// <summary>");
        w.Line("/// Every kernel of this network, generic over a <see cref=\"global::NetGen.Gpu.Kernels.IGpuKernelShape\"/>: close one");
        w.Line("/// with <c>MakeGenericMethod</c> to compile it ahead of time (PTX, OpenCL C).");
        w.Line("/// </summary>");
        w.Line(GeneratedCode);
        w.Line("public static global::System.Collections.Generic.IReadOnlyList<global::System.Reflection.MethodInfo> KernelMethods { get; } =");
        w.Line("    new global::System.Reflection.MethodInfo[]");
        w.Line("    {");
        foreach (Kernel kernel in kernels)
        {
            w.Line($"        typeof(Gpu).GetMethod(nameof({kernel.Name}))!,");
        }

        w.Line("    };");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line(GeneratedCode);
        w.Line(I($"protected override int LastLayerParity => {last.Index % 2};"));
        w.Line();
        WriteLaunches(w, spec, kernels, forward: true);
        w.Line();
        WriteLaunches(w, spec, kernels, forward: false);
        foreach (Kernel kernel in kernels)
        {
            w.Line();
            w.Line($"/// <summary>{XmlEscape(kernel.Summary)}</summary>");
            w.Line(GeneratedCode);
            w.Line($"public static void {kernel.Name}<TShape>{Signature}");
            w.Open("    where TShape : struct, global::NetGen.Gpu.Kernels.IGpuKernelShape");
            w.Line(kernel.Body);
            w.Close();
        }

        w.Close();
    }

    private static void WriteLaunches(SourceWriter w, NetworkSpec spec, List<Kernel> kernels, bool forward)
    {
        w.Line("/// <inheritdoc/>");
        w.Line(GeneratedCode);
        w.Open(forward
            ? "protected override void LaunchForward(" + View + " inputs, int batch, bool training)"
            : "protected override void LaunchBackward(" + View + " inputs, int batch)");
        IEnumerable<Kernel> sequence = forward
            ? kernels.Where(k => k.Forward && !k.TrainingOnly)
            : kernels.Where(k => !k.Forward).OrderByDescending(k => k.Layer);
        int layer = -1;
        foreach (Kernel kernel in sequence)
        {
            if (kernel.Layer != layer)
            {
                layer = kernel.Layer;
                LayerSpec l = spec.Layers[layer];
                w.Line(I($"// Layer {layer}: {l.Kind} {l.Input} -> {l.Output}{(l.Kind is LayerKind.Dense or LayerKind.Conv2D ? ", " + l.Activation : "")}"));
            }

            string launched = kernel.TrainingVariant is null
                ? I($"__{Camel(kernel.Name)}")
                : I($"training ? __{Camel(kernel.TrainingVariant)} : __{Camel(kernel.Name)}");
            w.Line(I($"Launch({launched}, {kernel.Config}, {layer % 2}, {(layer + 1) % 2}, inputs, batch);"));
        }

        w.Close();
    }

    private static List<Kernel> Kernels(NetworkSpec spec)
    {
        int[] offsets = OutputOffsets(spec);
        ExtraOffsets(spec, out int[] maskOffsets, out _);
        var kernels = new List<Kernel>();
        foreach (LayerSpec l in spec.Layers)
        {
            int k = l.Index;
            string name = I($"Layer{k}");
            string input = k == 0 ? "inputs" : I($"activations.SubView({PerSample(offsets[k - 1])}, batch * {l.InputSize})");
            string output = I($"activations.SubView({PerSample(offsets[k])}, batch * {l.Units})");
            string weights = I($"parameters.SubView({l.ParameterOffset}, {l.WeightCount})");
            string bias = l.HasBias ? I($"parameters.SubView({l.BiasOffset}, {l.BiasCount})") : "parameters.SubView(0, 0)";
            string dWeights = I($"gradients.SubView({l.ParameterOffset}, {l.WeightCount})");
            string dBias = l.HasBias ? I($"gradients.SubView({l.BiasOffset}, {l.BiasCount})") : "gradients.SubView(0, 0)";
            string dy = I($"deltasIn.SubView(0, batch * {l.Units})");
            string dx = I($"deltasOut.SubView(0, batch * {l.InputSize})");
            bool prelu = l.Kind is LayerKind.Dense or LayerKind.Conv2D && l.Activation == ActivationKind.PReLU;
            bool activation = l.Kind is LayerKind.Dense or LayerKind.Conv2D && l.Activation is not (ActivationKind.Identity or ActivationKind.PReLU);
            string produced = prelu ? I($"activations.SubView({PerSample(maskOffsets[k])}, batch * {l.Units})") : output;
            string shape = I($"batch, {l.Input.Channels}, {l.Input.Height}, {l.Input.Width}, {l.Output.Channels}, {l.Output.Height}, {l.Output.Width}");
            switch (l.Kind)
            {
                case LayerKind.Dense:
                    kernels.Add(new Kernel(k, true, name + "Forward", I($"Tiles(batch, {l.Units})"),
                        I($"{Device}.Gemm(default(TShape), {Operator(l)}, {input}, {weights}, {bias}, {produced}, batch, {l.Units}, {l.InputSize}, false, true);"),
                        I($"Layer {k} forward: {(prelu ? "z" : "y = f(")}x W^T + b{(prelu ? " (PReLU after)" : ")")}, [batch, {l.InputSize}] -> [batch, {l.Units}], tiled.")));
                    if (activation)
                    {
                        kernels.Add(ActivationBackward(l, name, output, dy));
                    }

                    if (prelu)
                    {
                        AddPReLU(kernels, l, name, produced, output, dy);
                    }

                    kernels.Add(new Kernel(k, false, name + "WeightGradient", I($"Tiles({l.Units}, {l.InputSize})"),
                        I($"{Device}.Gemm(default(TShape), new {Activations}.GpuIdentity(), {dy}, {input}, {View}.Empty, {dWeights}, {l.Units}, {l.InputSize}, batch, true, false);"),
                        I($"Layer {k}: dW = dz^T x, [{l.Units}, {l.InputSize}], tiled.")));
                    if (l.HasBias)
                    {
                        kernels.Add(new Kernel(k, false, name + "BiasGradient", I($"ColumnTiles({l.Units})"),
                            I($"{Device}.ColumnSum(default(TShape), {dy}, {dBias}, batch, {l.Units});"),
                            I($"Layer {k}: db = column sums of dz, [{l.Units}].")));
                    }

                    if (k > 0)
                    {
                        kernels.Add(new Kernel(k, false, name + "InputGradient", I($"Tiles(batch, {l.InputSize})"),
                            I($"{Device}.Gemm(default(TShape), new {Activations}.GpuIdentity(), {dy}, {weights}, {View}.Empty, {dx}, batch, {l.InputSize}, {l.Units}, false, false);"),
                            I($"Layer {k}: dx = dz W, [batch, {l.InputSize}], tiled.")));
                    }

                    break;
                case LayerKind.Conv2D:
                    string conv = I($"{shape}, {l.Kernel}, {l.Stride}, {l.Padding}");
                    kernels.Add(new Kernel(k, true, name + "Forward", I($"Elements(batch * {l.Units})"),
                        I($"{Device}.Conv2DForward({Operator(l)}, {input}, {weights}, {bias}, {produced}, {conv});"),
                        I($"Layer {k} forward: convolution {l.Input} -> {l.Output}, kernel {l.Kernel}, stride {l.Stride}, padding {l.Padding}, bias{(prelu ? " fused (PReLU after)" : " and activation fused")}.")));
                    if (activation)
                    {
                        kernels.Add(ActivationBackward(l, name, output, dy));
                    }

                    if (prelu)
                    {
                        AddPReLU(kernels, l, name, produced, output, dy);
                    }

                    kernels.Add(new Kernel(k, false, name + "ParameterGradient", I($"Groups({l.WeightCount + l.BiasCount})"),
                        I($"{Device}.Conv2DParameterGradient(default(TShape), {input}, {dy}, {dWeights}, {dBias}, {conv});"),
                        I($"Layer {k}: dW and db, one group per weight and per bias, reduced in shared memory.")));
                    if (k > 0)
                    {
                        kernels.Add(new Kernel(k, false, name + "InputGradient", I($"Elements(batch * {l.InputSize})"),
                            I($"{Device}.Conv2DInputGradient({dy}, {weights}, {dx}, {conv});"),
                            I($"Layer {k}: dx, one thread per input value.")));
                    }

                    break;
                case LayerKind.MaxPool2D:
                case LayerKind.AvgPool2D:
                    bool max = l.Kind == LayerKind.MaxPool2D;
                    string pool = I($"batch, {l.Input.Channels}, {l.Input.Height}, {l.Input.Width}, {l.Output.Height}, {l.Output.Width}, {l.Kernel}, {l.Stride}, {(max ? "true" : "false")}");
                    kernels.Add(new Kernel(k, true, name + "Forward", I($"Elements(batch * {l.Units})"),
                        I($"{Device}.PoolForward({input}, {output}, {pool});"),
                        I($"Layer {k} forward: {(max ? "max" : "average")} pooling {l.Input} -> {l.Output}.")));
                    if (k > 0)
                    {
                        kernels.Add(new Kernel(k, false, name + "InputGradient", I($"Elements(batch * {l.InputSize})"),
                            I($"{Device}.PoolBackward({input}, {dy}, {dx}, {pool});"),
                            I($"Layer {k}: dx of {(max ? "max" : "average")} pooling, one thread per input value.")));
                    }

                    break;
                case LayerKind.Dropout:
                    string mask = I($"activations.SubView({PerSample(maskOffsets[k])}, batch * {l.Units})");
                    kernels.Add(new Kernel(k, true, name + "Forward", I($"Elements(batch * {l.Units})"),
                        I($"{Device}.Copy({input}, {output}, batch * {l.Units});"),
                        I($"Layer {k} forward: dropout at inference, the identity.")) { TrainingVariant = name + "TrainingForward" });
                    kernels.Add(new Kernel(k, true, name + "TrainingForward", I($"Elements(batch * {l.Units})"),
                        I($"{Device}.DropoutForward({input}, {output}, {mask}, batch * {l.Units}, {Float(l.DropoutProbability)}, seed, {k});"),
                        I($"Layer {k} forward while training: inverted dropout with p = {l.DropoutProbability.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}, the mask kept for backward.")) { TrainingOnly = true });
                    if (k > 0)
                    {
                        kernels.Add(new Kernel(k, false, name + "InputGradient", I($"Elements(batch * {l.Units})"),
                            I($"{Device}.DropoutBackward({dy}, {mask}, {dx}, batch * {l.Units});"),
                            I($"Layer {k}: dx = dy * mask.")));
                    }

                    break;
            }
        }

        return kernels;
    }

    /// <summary>PReLU after the layer's kernel: forward from the pre-activations; backward the slope gradients, then dz.</summary>
    private static void AddPReLU(List<Kernel> kernels, LayerSpec l, string name, string pre, string output, string dy)
    {
        string slopes = I($"parameters.SubView({l.SlopeOffset}, {l.SlopeCount})");
        string dSlopes = I($"gradients.SubView({l.SlopeOffset}, {l.SlopeCount})");
        string shape = I($"{l.SlopeCount}, {l.OutputChannels}, {l.ChannelSize}");
        kernels.Add(new Kernel(l.Index, true, name + "PReLUForward", I($"Elements(batch * {l.Units})"),
            I($"{Device}.PReLUForward({pre}, {slopes}, {output}, batch * {l.Units}, {shape});"),
            I($"Layer {l.Index} forward: PReLU with {(l.SlopeCount == 1 ? "one slope" : l.SlopeCount + " slopes")}.")));
        kernels.Add(new Kernel(l.Index, false, name + "SlopeGradient", I($"Groups({l.SlopeCount})"),
            I($"{Device}.PReLUSlopeGradient(default(TShape), {pre}, {dy}, {dSlopes}, batch, {shape});"),
            I($"Layer {l.Index}: PReLU slope gradients, one group per slope.")));
        kernels.Add(new Kernel(l.Index, false, name + "PReLUBackward", I($"Elements(batch * {l.Units})"),
            I($"{Device}.PReLUBackward({pre}, {slopes}, {dy}, batch * {l.Units}, {shape});"),
            I($"Layer {l.Index}: dz = dy, or a * dy where z <= 0, in place.")));
    }

    private static Kernel ActivationBackward(LayerSpec l, string name, string output, string dy) =>
        new(l.Index, false, name + "ActivationBackward", I($"Elements(batch * {l.Units})"),
            I($"{Device}.ActivationBackward({Operator(l)}, {output}, {dy}, batch * {l.Units});"),
            I($"Layer {l.Index}: dz = dy * f'(y) for {l.Activation}, in place."));

    /// <summary>Why this network cannot run on the GPU, or null when it can.</summary>
    private static string? Unsupported(NetworkSpec spec)
    {
        if (spec.Loss is not (LossKind.CrossEntropy or LossKind.MSE))
        {
            return $"{spec.Type.DisplayName} uses the loss {spec.Loss}; the GPU back end supports CrossEntropy and MSE.";
        }

        foreach (LayerSpec l in spec.Layers)
        {
            if (l.Kind is LayerKind.Dense or LayerKind.Conv2D && Operator(l) is null)
            {
                return I($"Layer {l.Index} of {spec.Type.DisplayName} uses the activation {l.Activation}; the GPU back end supports Identity, ReLU, Sigmoid, Tanh, LeakyReLU, ELU and PReLU.");
            }

            if (l.L1 != 0f || l.L2 != 0f || l.MaxNorm != 0f)
            {
                return I($"Layer {l.Index} of {spec.Type.DisplayName} has an L1, L2 or max-norm constraint, which the GPU back end does not implement.");
            }
        }

        return null;
    }

    private static string? Operator(LayerSpec layer) => layer.Activation switch
    {
        ActivationKind.Identity or ActivationKind.PReLU => $"new {Activations}.GpuIdentity()",
        ActivationKind.ReLU => $"new {Activations}.GpuReLU()",
        ActivationKind.Sigmoid => $"new {Activations}.GpuSigmoid()",
        ActivationKind.Tanh => $"new {Activations}.GpuTanh()",
        ActivationKind.LeakyReLU => $"new {Activations}.GpuLeakyReLU({Float(layer.ActivationParameter)})",
        ActivationKind.ELU => $"new {Activations}.GpuELU({Float(layer.ActivationParameter)})",
        _ => null,
    };

    /// <summary>Per-sample offset of each layer's outputs in the activations buffer.</summary>
    private static int[] OutputOffsets(NetworkSpec spec)
    {
        int[] offsets = new int[spec.Layers.Count];
        int offset = 0;
        for (int i = 0; i < offsets.Length; i++)
        {
            offsets[i] = offset;
            offset += spec.Layers[i].Units;
        }

        return offsets;
    }

    /// <summary>
    /// Per-sample offsets, after every layer's outputs, of each dropout layer's mask and then of each PReLU layer's
    /// pre-activations (<paramref name="offsets"/>, by layer); returns the values per sample of the whole buffer.
    /// </summary>
    private static int ExtraOffsets(NetworkSpec spec, out int[] offsets, out int total)
    {
        int[] outputs = OutputOffsets(spec);
        int offset = outputs[outputs.Length - 1] + spec.Layers[spec.Layers.Count - 1].Units;
        offsets = new int[spec.Layers.Count];
        foreach (LayerSpec layer in spec.Layers.Where(l => l.Kind == LayerKind.Dropout))
        {
            offsets[layer.Index] = offset;
            offset += layer.Units;
        }

        foreach (LayerSpec layer in spec.Layers.Where(l => l.Activation == ActivationKind.PReLU && l.Kind is LayerKind.Dense or LayerKind.Conv2D))
        {
            offsets[layer.Index] = offset;
            offset += layer.Units;
        }

        total = offset;
        return offset;
    }

    private static string Float(float value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "f";

    /// <summary>Where a per-sample offset starts in a batch-major buffer: <c>batch * offset</c>, or 0.</summary>
    private static string PerSample(int offset) => offset == 0 ? "0" : I($"batch * {offset}");

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name.Substring(1);

    private static string Escape(string text) => text.Replace("\\", "\\\\").Replace("\"", "\\\"");

    /// <summary>Text for an XML documentation comment ("->" may stay: only &amp; and &lt; must be escaped).</summary>
    private static string XmlEscape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;");

    private static string I(FormattableString text) => FormattableString.Invariant(text);

    private sealed class Kernel
    {
        public Kernel(int layer, bool forward, string name, string config, string body, string summary)
        {
            Layer = layer;
            Forward = forward;
            Name = name;
            Config = config;
            Body = body;
            Summary = summary;
        }

        public int Layer { get; }

        public bool Forward { get; }

        public string Name { get; }

        public string Config { get; }

        public string Body { get; }

        public string Summary { get; }

        /// <summary>A forward kernel run only while training, in place of the one naming it as its variant.</summary>
        public bool TrainingOnly { get; set; }

        /// <summary>The kernel to launch instead of this one while training.</summary>
        public string? TrainingVariant { get; set; }
    }
}
