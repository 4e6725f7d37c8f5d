using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generators.Diagnostics;
using NetGen.Generators.Emitters;
using NetGen.Generators.Model;

namespace NetGen.Generators.Parsing;

/// <summary>The result of parsing one <c>[Network]</c> class: a spec when it is valid, and its diagnostics.</summary>
public readonly record struct ParseResult(NetworkSpec? Spec, ImmutableArray<Diagnostic> Diagnostics)
{
    public static ParseResult Empty => new(null, ImmutableArray<Diagnostic>.Empty);
}

/// <summary>
/// Turns a class carrying <c>[Network]</c> into a <see cref="NetworkSpec"/>: reads the layer attributes in source
/// order, infers every shape and offset, and reports each invalid definition on the attribute at fault.
/// The only place in the generator that touches symbols and syntax.
/// </summary>
public static class NetworkParser
{
    public const string NetworkAttributeName = "NetGen.NetworkAttribute";
    private const string InputAttributeName = "NetGen.InputAttribute";
    private const string DenseAttributeName = "NetGen.DenseAttribute";
    private const string Conv2DAttributeName = "NetGen.Conv2DAttribute";
    private const string MaxPool2DAttributeName = "NetGen.MaxPool2DAttribute";
    private const string AvgPool2DAttributeName = "NetGen.AvgPool2DAttribute";
    private const string DropoutAttributeName = "NetGen.DropoutAttribute";

    public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        // A declaration still being typed (no name yet) is left to the compiler's own errors.
        if (context.TargetSymbol is not INamedTypeSymbol type || context.TargetNode is not TypeDeclarationSyntax node
            || node.Identifier.IsMissing || type.Name.Length == 0)
        {
            return ParseResult.Empty;
        }

        // A class declared in several parts may carry [Network] on more than one of them; the transform then runs once
        // per part. Only the part holding the first [Network] does the work, so nothing is reported or emitted twice.
        List<AttributeData> networks = type.GetAttributes()
            .Where(a => FullName(a.AttributeClass) == NetworkAttributeName && a.ApplicationSyntaxReference is not null)
            .OrderBy(a => a, SourceOrder)
            .ToList();
        if (networks.Count == 0 || !IsInside(networks[0], node))
        {
            return ParseResult.Empty;
        }

        var parser = new Parser(type, networks[0], context.SemanticModel.Compilation, cancellationToken);
        for (int i = 1; i < networks.Count; i++)
        {
            parser.Report(DiagnosticDescriptors.DuplicateNetworkAttribute, networks[i], parser.DisplayName);
        }

        NetworkSpec? spec = parser.Run();
        return new ParseResult(parser.HasErrors ? null : spec, parser.Diagnostics.ToImmutable());
    }

    private sealed class Parser(INamedTypeSymbol type, AttributeData network, Compilation compilation, CancellationToken cancellationToken)
    {
        public ImmutableArray<Diagnostic>.Builder Diagnostics { get; } = ImmutableArray.CreateBuilder<Diagnostic>();

        public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

        public string DisplayName { get; } = type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);

        public void Report(DiagnosticDescriptor descriptor, AttributeData at, params object?[] arguments) =>
            Diagnostics.Add(Diagnostic.Create(descriptor, LocationOf(at, cancellationToken), arguments));

        public NetworkSpec? Run()
        {
            HierarchyInfo? hierarchy = CheckType();
            LossKind loss = ReadLoss();
            _networkL1 = ReadPenalty(network, "L1", 0, "the network");
            _networkL2 = ReadPenalty(network, "L2", 0, "the network");
            Shape input = new(0, 1, 1, false);
            bool sawInput = false, sawLayer = false, tooLarge = false;
            int ordinal = 0, moduleIndex = 0;
            Shape previous = input;
            var layers = new List<LayerSpec>();
            var layerAttributes = new List<AttributeData>();
            long offset = 0, workspace = 0;

            foreach (AttributeData attribute in ReadLayerAttributes())
            {
                cancellationToken.ThrowIfCancellationRequested();
                string name = FullName(attribute.AttributeClass);
                bool isInput = name == InputAttributeName;
                if (isInput && (sawInput || sawLayer))
                {
                    Report(DiagnosticDescriptors.InputMustComeFirst, attribute, DisplayName,
                        sawInput ? "this is a second [Input]" : "this [Input] follows a layer");
                    continue;
                }

                sawInput |= isInput;
                sawLayer |= !isInput;
                if (!HasReadableArguments(attribute))
                {
                    Report(DiagnosticDescriptors.InvalidAttributeArguments, attribute, ShortName(name), DisplayName);
                    continue;
                }

                if (isInput)
                {
                    input = previous = ReadInput(attribute);
                    if (SizeOf(input) > MaxArrayLength)
                    {
                        Report(DiagnosticDescriptors.NetworkTooLarge, attribute, DisplayName,
                            FormattableString.Invariant($"the input size {input} ({SizeOf(input)} values)"), MaxArrayLength.ToString(CultureInfo.InvariantCulture));
                        previous = Unknown;
                    }

                    continue;
                }

                LayerSpec? layer = ReadLayer(attribute, name, ordinal++, previous, (int)Math.Min(offset, MaxArrayLength), ref moduleIndex);
                if (layer is null)
                {
                    previous = Unknown; // later layers are not checked against a shape that does not exist
                    continue;
                }

                previous = layer.Output;
                workspace = SaturatingAdd(workspace, (long)layer.Units * (layer.SlopeCount > 0 ? 2 : 1));
                offset = SaturatingAdd(offset, ParameterCountOf(layer));
                if (offset > MaxArrayLength && !tooLarge)
                {
                    Report(DiagnosticDescriptors.NetworkTooLarge, attribute, DisplayName,
                        FormattableString.Invariant($"the parameter count up to layer {layer.Index} ({offset})"), MaxArrayLength.ToString(CultureInfo.InvariantCulture));
                    tooLarge = true;
                }

                layers.Add(layer);
                layerAttributes.Add(attribute);
            }

            if (workspace > MaxArrayLength)
            {
                Report(DiagnosticDescriptors.NetworkTooLarge, network, DisplayName,
                    FormattableString.Invariant($"the outputs of one sample, summed over all layers ({workspace})"), MaxArrayLength.ToString(CultureInfo.InvariantCulture));
            }

            // An [Input] reported elsewhere (second declaration, after a layer) is not a missing one.
            if (!type.GetAttributes().Any(a => FullName(a.AttributeClass) == InputAttributeName))
            {
                Report(DiagnosticDescriptors.NetworkWithoutInput, network, DisplayName);
            }

            if (layers.Count == 0)
            {
                if (!sawLayer)
                {
                    Report(DiagnosticDescriptors.NetworkWithoutLayers, network, DisplayName);
                }

                return null;
            }

            LayerSpec last = layers[layers.Count - 1];
            if (loss == LossKind.CrossEntropy && last.Activation != ActivationKind.Identity)
            {
                Report(DiagnosticDescriptors.CrossEntropyExpectsLogits, layerAttributes[layerAttributes.Count - 1],
                    DisplayName, $"Activation.{last.Activation}");
            }

            return hierarchy is null ? null : new NetworkSpec(hierarchy, loss, input, layers.ToEquatableArray());
        }

        /// <summary>The shape after a rejected layer: size 0, so no later check compares against it.</summary>
        private static readonly Shape Unknown = new(0, 0, 0, true);

        private float _networkL1, _networkL2;

        /// <summary>A non-negative finite option (L1, L2, MaxNorm); NaN on a layer means the network's value.</summary>
        private float ReadPenalty(AttributeData attribute, string option, float inherited, string owner)
        {
            double value = DoubleNamedArgument(attribute, option, double.NaN);
            if (double.IsNaN(value))
            {
                return inherited;
            }

            if (!(value >= 0) || float.IsInfinity((float)value))
            {
                Report(DiagnosticDescriptors.InvalidRegularization, attribute, option, owner, value.ToString("R", CultureInfo.InvariantCulture));
                return 0f;
            }

            return (float)value;
        }

        /// <summary>The learned slopes, penalties and constraint of a Dense or Conv2D layer.</summary>
        private LayerSpec WithExtras(LayerSpec layer, AttributeData attribute, string layerName)
        {
            int slopes = layer.Activation != ActivationKind.PReLU ? 0
                : BoolNamedArgument(attribute, "SlopePerUnit", false) ? layer.OutputChannels : 1;
            return layer with
            {
                SlopeCount = slopes,
                L1 = ReadPenalty(attribute, "L1", _networkL1, layerName),
                L2 = ReadPenalty(attribute, "L2", _networkL2, layerName),
                MaxNorm = ReadPenalty(attribute, "MaxNorm", 0f, layerName),
            };
        }

        private Shape ReadInput(AttributeData attribute)
        {
            int count = attribute.ConstructorArguments.Length;
            int channels = IntArgument(attribute, 0);
            int height = count == 3 ? IntArgument(attribute, 1) : 1;
            int width = count == 3 ? IntArgument(attribute, 2) : 1;
            string[] names = count == 3 ? new[] { "The input channel count", "The input height", "The input width" } : new[] { "The input size" };
            int[] values = { channels, height, width };
            for (int i = 0; i < names.Length; i++)
            {
                if (values[i] <= 0)
                {
                    Report(DiagnosticDescriptors.SizeMustBePositive, attribute, names[i], values[i].ToString(CultureInfo.InvariantCulture));
                }
            }

            return new Shape(Math.Max(channels, 0), Math.Max(height, 0), Math.Max(width, 0), count == 3);
        }

        /// <summary>Reads one layer attribute, infers its output shape and reports what is wrong with it (null if invalid).</summary>
        private LayerSpec? ReadLayer(AttributeData attribute, string name, int index, Shape input, int offset, ref int moduleIndex)
        {
            LayerSpec? layer = ReadLayerCore(attribute, name, index, input, offset);
            if (layer is not null && SizeOf(layer.Output) > MaxArrayLength)
            {
                Report(DiagnosticDescriptors.NetworkTooLarge, attribute, DisplayName,
                    FormattableString.Invariant($"the output of layer {index}, {layer.Output} ({SizeOf(layer.Output)} values)"), MaxArrayLength.ToString(CultureInfo.InvariantCulture));
                return null;
            }

            if (layer is not null)
            {
                // Where the layer's parameters sit in the state_dict of the equivalent torch.nn.Sequential, which has a
                // module for every activation and a Flatten before the first Linear after an image.
                if (layer.Kind == LayerKind.Dense && layer.Input.IsImage)
                {
                    moduleIndex++;
                }

                layer = layer with { ModuleIndex = moduleIndex };
                moduleIndex += layer.Activation == ActivationKind.Identity ? 1 : 2;
            }

            return layer;
        }

        private LayerSpec? ReadLayerCore(AttributeData attribute, string name, int index, Shape input, int offset)
        {
            string layerName = "layer " + index.ToString(CultureInfo.InvariantCulture);
            int errors = Diagnostics.Count;
            bool Positive(int value, string what)
            {
                if (value > 0)
                {
                    return true;
                }

                Report(DiagnosticDescriptors.SizeMustBePositive, attribute, $"The {what} of {layerName}", value.ToString(CultureInfo.InvariantCulture));
                return false;
            }

            switch (name)
            {
                case DenseAttributeName:
                {
                    int units = IntArgument(attribute, 0);
                    Positive(units, "unit count");
                    (ActivationKind activation, float parameter) = ReadActivation(attribute, layerName);
                    var dense = new LayerSpec(
                        index, LayerKind.Dense, input, new Shape(Math.Max(units, 0), 1, 1, false), activation, parameter,
                        BoolNamedArgument(attribute, "Bias", true), 0, 0, 0, 0f, offset);
                    dense = WithExtras(dense, attribute, layerName);
                    return Diagnostics.Skip(errors).Any(d => d.Severity == DiagnosticSeverity.Error) ? null : dense;
                }

                case Conv2DAttributeName:
                {
                    int filters = IntArgument(attribute, 0), kernel = IntArgument(attribute, 1);
                    int stride = IntNamedArgument(attribute, "Stride", 1), padding = IntNamedArgument(attribute, "Padding", 0);
                    bool ok = Positive(filters, "filter count") & Positive(kernel, "kernel size") & Positive(stride, "stride");
                    if (padding < 0)
                    {
                        Report(DiagnosticDescriptors.PaddingMustNotBeNegative, attribute, layerName, padding.ToString(CultureInfo.InvariantCulture));
                        ok = false;
                    }

                    (ActivationKind activation, float parameter) = ReadActivation(attribute, layerName);
                    if (!CheckImage(attribute, layerName, "Conv2D", input) || !ok
                        || !CheckWindow(attribute, layerName, FormattableString.Invariant($"{kernel}x{kernel} kernel"), input, kernel, padding))
                    {
                        return null;
                    }

                    long height = ((long)input.Height + 2L * padding - kernel) / stride + 1;
                    long width = ((long)input.Width + 2L * padding - kernel) / stride + 1;
                    if (Saturating(Saturating(filters, height), width) > MaxArrayLength)
                    {
                        Report(DiagnosticDescriptors.NetworkTooLarge, attribute, DisplayName,
                            FormattableString.Invariant($"the output of {layerName}, [{filters}, {height}, {width}]"), MaxArrayLength.ToString(CultureInfo.InvariantCulture));
                        return null;
                    }

                    var conv = new LayerSpec(
                        index, LayerKind.Conv2D, input, new Shape(filters, (int)height, (int)width, true), activation, parameter,
                        BoolNamedArgument(attribute, "Bias", true), kernel, stride, padding, 0f, offset);
                    conv = WithExtras(conv, attribute, layerName);
                    return Diagnostics.Skip(errors).Any(d => d.Severity == DiagnosticSeverity.Error) ? null : conv;
                }

                case MaxPool2DAttributeName:
                case AvgPool2DAttributeName:
                {
                    int size = IntArgument(attribute, 0);
                    int stride = IntNamedArgument(attribute, "Stride", 0);
                    stride = stride == 0 ? size : stride;
                    bool ok = Positive(size, "pooling size") & Positive(stride, "stride");
                    string kind = name == MaxPool2DAttributeName ? "MaxPool2D" : "AvgPool2D";
                    if (!CheckImage(attribute, layerName, kind, input) || !ok
                        || !CheckWindow(attribute, layerName, FormattableString.Invariant($"{size}x{size} pooling"), input, size, 0))
                    {
                        return null;
                    }

                    var output = new Shape(input.Channels, (input.Height - size) / stride + 1, (input.Width - size) / stride + 1, true);
                    return new LayerSpec(
                        index, name == MaxPool2DAttributeName ? LayerKind.MaxPool2D : LayerKind.AvgPool2D, input, output,
                        ActivationKind.Identity, 0f, false, size, stride, 0, 0f, offset);
                }

                default: // DropoutAttributeName
                {
                    double p = attribute.ConstructorArguments[0].Value is double d ? d : double.NaN;
                    if (!(p >= 0 && (float)p < 1f))
                    {
                        Report(DiagnosticDescriptors.DropoutProbabilityOutOfRange, attribute, layerName, p.ToString("R", CultureInfo.InvariantCulture));
                        return null;
                    }

                    return new LayerSpec(index, LayerKind.Dropout, input, input, ActivationKind.Identity, 0f, false, 0, 0, 0, (float)p, offset);
                }
            }
        }

        private (ActivationKind Activation, float Parameter) ReadActivation(AttributeData attribute, string layerName)
        {
            int value = attribute.ConstructorArguments.Length > 1 ? IntArgument(attribute, attribute.ConstructorArguments.Length - 1) : 0;
            if (!Enum.IsDefined(typeof(ActivationKind), value))
            {
                Report(DiagnosticDescriptors.UnknownEnumValue, attribute, "(Activation)" + value.ToString(CultureInfo.InvariantCulture), "Activation");
                return (ActivationKind.Identity, 0f);
            }

            var activation = (ActivationKind)value;
            (string? option, double fallback) = activation switch
            {
                ActivationKind.LeakyReLU => ("Slope", 0.01),
                ActivationKind.ELU => ("Alpha", 1.0),
                ActivationKind.SoftPlus => ("Beta", 1.0),
                _ => ((string?)null, 0.0),
            };
            if (option is null)
            {
                return (activation, 0f);
            }

            double parameter = DoubleNamedArgument(attribute, option, fallback);
            if (!(parameter > 0) || float.IsInfinity((float)parameter) || (float)parameter == 0f)
            {
                Report(DiagnosticDescriptors.InvalidActivationParameter, attribute, option, layerName, parameter.ToString("R", CultureInfo.InvariantCulture));
            }

            return (activation, (float)parameter);
        }

        private bool CheckImage(AttributeData attribute, string layerName, string kind, Shape input)
        {
            if (input.IsImage || input.Size == 0)
            {
                return true;
            }

            Report(DiagnosticDescriptors.ImageLayerNeedsImageInput, attribute, layerName, kind, input.ToString());
            return false;
        }

        private bool CheckWindow(AttributeData attribute, string layerName, string window, Shape input, int size, int padding)
        {
            long height = input.Height + 2L * padding, width = input.Width + 2L * padding;
            if (input.Size == 0 || (size <= height && size <= width))
            {
                return true;
            }

            string padded = padding > 0 ? FormattableString.Invariant($" (padded to {height}x{width})") : string.Empty;
            Report(DiagnosticDescriptors.WindowLargerThanInput, attribute, layerName, window, input.ToString(), padded);
            return false;
        }

        private HierarchyInfo? CheckType()
        {
            bool ok = true;
            if (!IsPartial(type, cancellationToken))
            {
                Report(DiagnosticDescriptors.NetworkClassMustBePartial, network, DisplayName);
                ok = false;
            }

            if (type.DeclaringSyntaxReferences.Any(r => r.GetSyntax(cancellationToken) is TypeDeclarationSyntax { ParameterList: not null }))
            {
                Report(DiagnosticDescriptors.NetworkWithPrimaryConstructor, network, DisplayName);
                ok = false;
            }

            if (type.IsFileLocal || ContainingTypes(type).Any(t => t.IsFileLocal))
            {
                Report(DiagnosticDescriptors.FileLocalNetworkNotSupported, network, DisplayName);
                ok = false;
            }

            if (type.IsStatic)
            {
                Report(DiagnosticDescriptors.NetworkClassMustNotBeStatic, network, DisplayName);
                ok = false;
            }

            var containing = new List<Model.TypeInfo>();
            bool generic = type.TypeParameters.Length > 0;
            for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
            {
                generic |= outer.TypeParameters.Length > 0;
                if (!IsPartial(outer, cancellationToken))
                {
                    Report(DiagnosticDescriptors.ContainingTypeMustBePartial, network, DisplayName,
                        outer.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat));
                    ok = false;
                }

                containing.Insert(0, new Model.TypeInfo(Keyword(outer, cancellationToken), Identifier(outer.Name)));
            }

            if (generic)
            {
                Report(DiagnosticDescriptors.GenericNetworkNotSupported, network, DisplayName);
                ok = false;
            }

            if (type.TypeKind == TypeKind.Class && type.BaseType is { SpecialType: not SpecialType.System_Object } baseType)
            {
                Report(DiagnosticDescriptors.NetworkClassMustNotHaveBaseClass, network, DisplayName,
                    baseType.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat));
                ok = false;
            }

            ok &= CheckNames();

            if (!ok)
            {
                return null;
            }

            string ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : string.Empty;
            return new HierarchyInfo(ns, Identifier(type.Name), Keyword(type, cancellationToken), containing.ToEquatableArray());
        }

        /// <summary>
        /// Reports every name that would make the generated file fail to compile: a member of the class with the name
        /// (or, for methods and constructors, the signature) of a generated member, a class named like a generated
        /// member, a type sharing its full name with another type or a namespace, and source types that hide the
        /// <c>System</c> or <c>NetGen</c> namespaces or types of the runtime the generated code uses.
        /// </summary>
        private bool CheckNames()
        {
            int before = Diagnostics.Count;
            void Conflict(Location? location, string what, string remedy) =>
                Diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.NameConflictsWithGeneratedCode,
                    location is { IsInSource: true } ? location : LocationOf(network, cancellationToken), what, DisplayName, remedy));

            // The GPU file adds the nested class Gpu, so the name is taken only where that file is generated.
            bool gpu = GpuSupport.IsEnabled(compilation);
            const string GpuRemedy = "the project references NetGen.Gpu, whose generated class '{0}.Gpu' has this name; rename or remove it";
            if (GeneratedMembers.IsReservedName(type.Name))
            {
                Conflict(null, $"The class name '{type.Name}'", "a class cannot have a member of its own name; rename the class");
            }
            else if (GeneratedMembers.IsReservedName(type.Name, gpu))
            {
                Conflict(null, $"The class name '{type.Name}'",
                    "the project references NetGen.Gpu, which generates a nested class of this name, and a class cannot have a member of its own name; rename the class");
            }

            foreach (ISymbol member in type.GetMembers())
            {
                if (member.IsImplicitlyDeclared || member is INamedTypeSymbol { Name: "" })
                {
                    continue;
                }

                string? clash = MemberClash(member);
                if (clash is not null)
                {
                    Conflict(member.Locations.FirstOrDefault(), clash, "rename or remove it");
                }
                else if (gpu && GeneratedMembers.GpuNames.Contains(member.Name) && member is not INamedTypeSymbol { Arity: > 0 })
                {
                    Conflict(member.Locations.FirstOrDefault(), $"The member '{member.Name}'", string.Format(CultureInfo.InvariantCulture, GpuRemedy, type.Name));
                }
            }

            // Each type from the network outwards must be the only type of its name and arity (and no namespace) in its
            // container, as the compiler merges it with everything referenced: a duplicate would get the same file.
            for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
            {
                INamespaceOrTypeSymbol? container = current.ContainingType is { } outer ? outer
                    : current.ContainingNamespace is { } ns ? compilation.GetCompilationNamespace(ns) : null;
                if (container is null)
                {
                    continue;
                }

                int rivals = container.GetMembers(current.Name).Count(m =>
                    m is INamespaceSymbol || (m is INamedTypeSymbol t && t.Arity == current.Arity));
                if (rivals > 1)
                {
                    Conflict(null, $"The name '{current.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat)}'",
                        "another type or a namespace has the same full name; give the type a unique name");
                }
            }

            // Generated code names the runtime as global::System... and global::NetGen...; source types must not hide them.
            INamespaceSymbol global = type.ContainingAssembly.GlobalNamespace;
            foreach (string root in new[] { "System", "NetGen" })
            {
                if (global.GetTypeMembers(root).Length > 0)
                {
                    Conflict(null, $"The type '{root}' in the global namespace",
                        $"it hides the namespace '{root}' that generated code uses; move the type into a namespace");
                }
            }

            INamespaceSymbol? netgen = global.GetNamespaceMembers().FirstOrDefault(n => n.Name == "NetGen");
            if (netgen is not null)
            {
                foreach (INamedTypeSymbol hiding in SourceTypesHidingReferencedOnes(netgen))
                {
                    Conflict(null, $"The type '{hiding.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat)}'",
                        "it has the full name of a type in the NetGen runtime, which generated code uses; rename it or move it out of the NetGen namespace");
                }
            }

            return Diagnostics.Count == before;
        }

        private IEnumerable<INamedTypeSymbol> SourceTypesHidingReferencedOnes(INamespaceSymbol sourceNamespace)
        {
            INamespaceSymbol? merged = compilation.GetCompilationNamespace(sourceNamespace);
            foreach (INamedTypeSymbol candidate in sourceNamespace.GetTypeMembers())
            {
                if (merged is not null && merged.GetMembers(candidate.Name).Count(m =>
                        m is INamespaceSymbol || (m is INamedTypeSymbol t && t.Arity == candidate.Arity)) > 1)
                {
                    yield return candidate;
                }
            }

            foreach (INamespaceSymbol child in sourceNamespace.GetNamespaceMembers())
            {
                foreach (INamedTypeSymbol hiding in SourceTypesHidingReferencedOnes(child))
                {
                    yield return hiding;
                }
            }
        }

        /// <summary>What is wrong with a user's member, or null when it does not clash with a generated one.</summary>
        private static string? MemberClash(ISymbol member)
        {
            IEnumerable<ISymbol> implemented = member switch
            {
                IMethodSymbol m => m.ExplicitInterfaceImplementations,
                IPropertySymbol p => p.ExplicitInterfaceImplementations,
                IEventSymbol e => e.ExplicitInterfaceImplementations,
                _ => Enumerable.Empty<ISymbol>(),
            };
            ISymbol? networkMember = implemented.FirstOrDefault(i => FullName(i.ContainingType) == "NetGen.INetwork");
            if (networkMember is not null)
            {
                return $"The explicit implementation of INetwork.{networkMember.Name}";
            }

            if (member is IMethodSymbol method)
            {
                if (method.MethodKind is MethodKind.PropertyGet or MethodKind.PropertySet or MethodKind.EventAdd
                    or MethodKind.EventRemove or MethodKind.EventRaise or MethodKind.StaticConstructor or MethodKind.Destructor
                    or MethodKind.ExplicitInterfaceImplementation or MethodKind.UserDefinedOperator or MethodKind.Conversion)
                {
                    return null;
                }

                string[] parameters = method.Parameters.Select(p => p.Type.ToDisplayString()).ToArray();
                string signature = $"({string.Join(", ", parameters)})";
                if (method.MethodKind == MethodKind.Constructor)
                {
                    // A primary constructor is NG0016's business.
                    if (method.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is TypeDeclarationSyntax))
                    {
                        return null;
                    }

                    return GeneratedMembers.Constructors.Any(c => c.SequenceEqual(parameters))
                        ? $"The constructor {method.ContainingType.Name}{signature}"
                        : null;
                }

                bool reserved = method.Name.StartsWith(GeneratedMembers.ReservedPrefix, StringComparison.Ordinal)
                    || GeneratedMembers.NonMethodNames.Contains(method.Name)
                    || GeneratedMembers.Methods.Any(g => g.Name == method.Name && g.Parameters.SequenceEqual(parameters));
                return reserved ? $"The method {method.Name}{signature}" : null;
            }

            return GeneratedMembers.IsReservedName(member.Name) ? $"The member '{member.Name}'" : null;
        }

        private LossKind ReadLoss()
        {
            foreach (KeyValuePair<string, TypedConstant> argument in network.NamedArguments)
            {
                if (argument.Key == "Loss" && argument.Value.Value is int value)
                {
                    if (!Enum.IsDefined(typeof(LossKind), value))
                    {
                        Report(DiagnosticDescriptors.UnknownEnumValue, network, "(Loss)" + value.ToString(CultureInfo.InvariantCulture), "Loss");
                        return LossKind.MSE;
                    }

                    return (LossKind)value;
                }
            }

            return LossKind.MSE;
        }

        /// <summary>
        /// The input and layer attributes in source order. When they sit on more than one partial declaration
        /// their order is undefined: each one outside the first declaration is reported.
        /// </summary>
        private List<AttributeData> ReadLayerAttributes()
        {
            List<AttributeData> attributes = type.GetAttributes()
                .Where(a => a.ApplicationSyntaxReference is not null
                    && IsLayerAttribute(FullName(a.AttributeClass)))
                .OrderBy(a => a, SourceOrder)
                .ToList();
            if (attributes.Count == 0)
            {
                return attributes;
            }

            SyntaxNode? first = DeclarationOf(attributes[0], cancellationToken);
            var result = new List<AttributeData>();
            foreach (AttributeData attribute in attributes)
            {
                if (DeclarationOf(attribute, cancellationToken) != first)
                {
                    Report(DiagnosticDescriptors.LayersSpreadOverPartialDeclarations, attribute, DisplayName);
                    continue;
                }

                result.Add(attribute);
            }

            return result;
        }
    }

    /// <summary>A layer's parameter count in 64-bit arithmetic, so that an overflowing layer is reported, not wrapped.</summary>
    private static long ParameterCountOf(LayerSpec layer)
    {
        long weights = layer.Kind switch
        {
            LayerKind.Dense => Saturating(SizeOf(layer.Output), SizeOf(layer.Input)),
            LayerKind.Conv2D => Saturating(Saturating(layer.Output.Channels, layer.Input.Channels), Saturating(layer.Kernel, layer.Kernel)),
            _ => 0,
        };
        long bias = layer.HasBias ? (layer.Kind == LayerKind.Conv2D ? layer.Output.Channels : layer.Kind == LayerKind.Dense ? SizeOf(layer.Output) : 0) : 0;
        return SaturatingAdd(SaturatingAdd(weights, bias), layer.SlopeCount);
    }

    /// <summary>A shape's value count in 64-bit arithmetic (its <see cref="Shape.Size"/> may overflow).</summary>
    private static long SizeOf(Shape shape) => Saturating(Saturating(shape.Channels, shape.Height), shape.Width);

    /// <summary>The product of two non-negative numbers, <see cref="long.MaxValue"/> where it would overflow.</summary>
    private static long Saturating(long a, long b) => a == 0 || b == 0 ? 0 : a > long.MaxValue / b ? long.MaxValue : a * b;

    /// <summary>The sum of two non-negative numbers, <see cref="long.MaxValue"/> where it would overflow.</summary>
    private static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    /// <summary>The largest array .NET allocates (<c>Array.MaxLength</c>, which netstandard2.0 lacks).</summary>
    private const int MaxArrayLength = 0x7FFFFFC7;

    /// <summary>
    /// Whether the attribute bound to a constructor and every argument is a constant of the expected kind. A missing
    /// or non-constant argument leaves a default or an error value that must not be read as a size.
    /// </summary>
    private static bool HasReadableArguments(AttributeData attribute) =>
        attribute.AttributeConstructor is not null
        && attribute.ConstructorArguments.All(a => a.Kind != TypedConstantKind.Error && a.Value is not null)
        && attribute.NamedArguments.All(a => a.Value.Kind != TypedConstantKind.Error && a.Value.Value is not null);

    private static int IntArgument(AttributeData attribute, int index) =>
        index < attribute.ConstructorArguments.Length && attribute.ConstructorArguments[index].Value is int value ? value : 0;

    private static int IntNamedArgument(AttributeData attribute, string name, int fallback)
    {
        foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
        {
            if (argument.Key == name && argument.Value.Value is int value)
            {
                return value;
            }
        }

        return fallback;
    }

    private static double DoubleNamedArgument(AttributeData attribute, string name, double fallback)
    {
        foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
        {
            if (argument.Key == name && argument.Value.Value is double value)
            {
                return value;
            }
        }

        return fallback;
    }

    private static bool BoolNamedArgument(AttributeData attribute, string name, bool fallback)
    {
        foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
        {
            if (argument.Key == name && argument.Value.Value is bool value)
            {
                return value;
            }
        }

        return fallback;
    }

    /// <summary>Whether an attribute's full name is <c>[Input]</c> or one of the layer attributes.</summary>
    public static bool IsLayerAttribute(string fullName) =>
        fullName is InputAttributeName or DenseAttributeName or Conv2DAttributeName or MaxPool2DAttributeName
            or AvgPool2DAttributeName or DropoutAttributeName;

    /// <summary>The full metadata-style name of an attribute class, without <c>global::</c>.</summary>
    public static string FullName(INamedTypeSymbol? symbol) =>
        symbol is null ? string.Empty : symbol.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", string.Empty);

    /// <summary><c>NetGen.DenseAttribute</c> becomes <c>Dense</c>.</summary>
    public static string ShortName(string fullName)
    {
        string name = fullName.Substring(fullName.LastIndexOf('.') + 1);
        return name.EndsWith("Attribute", StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name;
    }

    /// <summary>Orders attributes by file path (ordinal, never by culture) and then by position.</summary>
    private static readonly IComparer<AttributeData> SourceOrder = Comparer<AttributeData>.Create((a, b) =>
    {
        SyntaxReference x = a.ApplicationSyntaxReference!, y = b.ApplicationSyntaxReference!;
        int byPath = string.CompareOrdinal(x.SyntaxTree.FilePath, y.SyntaxTree.FilePath);
        return byPath != 0 ? byPath : x.Span.Start.CompareTo(y.Span.Start);
    });

    private static bool IsInside(AttributeData attribute, SyntaxNode node)
    {
        SyntaxReference reference = attribute.ApplicationSyntaxReference!;
        return reference.SyntaxTree == node.SyntaxTree && node.Span.Contains(reference.Span);
    }

    private static SyntaxNode? DeclarationOf(AttributeData attribute, CancellationToken cancellationToken) =>
        attribute.ApplicationSyntaxReference!.GetSyntax(cancellationToken).FirstAncestorOrSelf<TypeDeclarationSyntax>();

    private static Location LocationOf(AttributeData attribute, CancellationToken cancellationToken) =>
        attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? Location.None;

    private static IEnumerable<INamedTypeSymbol> ContainingTypes(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            yield return outer;
        }
    }

    /// <summary>A name as C# source: <c>@class</c> for a type named like a keyword.</summary>
    private static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None
            ? "@" + name
            : name;

    private static bool IsPartial(INamedTypeSymbol symbol, CancellationToken cancellationToken) =>
        symbol.DeclaringSyntaxReferences.All(r =>
            r.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration
            && declaration.Modifiers.Any(SyntaxKind.PartialKeyword));

    private static string Keyword(INamedTypeSymbol symbol, CancellationToken cancellationToken)
    {
        if (symbol.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is RecordDeclarationSyntax record)
        {
            return record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) ? "record struct" : "record";
        }

        return symbol.TypeKind switch
        {
            TypeKind.Struct => "struct",
            TypeKind.Interface => "interface",
            _ => "class",
        };
    }
}
