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

        var parser = new Parser(type, networks[0], cancellationToken);
        for (int i = 1; i < networks.Count; i++)
        {
            parser.Report(DiagnosticDescriptors.DuplicateNetworkAttribute, networks[i], parser.DisplayName);
        }

        NetworkSpec? spec = parser.Run();
        return new ParseResult(parser.HasErrors ? null : spec, parser.Diagnostics.ToImmutable());
    }

    private sealed class Parser(INamedTypeSymbol type, AttributeData network, CancellationToken cancellationToken)
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
            int inputSize = 0;
            bool sawInput = false, sawLayer = false, tooLarge = false;
            var layers = new List<LayerSpec>();
            var layerAttributes = new List<AttributeData>();
            long offset = 0;

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
                    inputSize = IntArgument(attribute, 0);
                    if (inputSize <= 0)
                    {
                        Report(DiagnosticDescriptors.SizeMustBePositive, attribute, "The input size", inputSize.ToString(CultureInfo.InvariantCulture));
                    }

                    continue;
                }

                // [Dense(units, activation = Identity, Bias = true)]
                int units = IntArgument(attribute, 0);
                if (units <= 0)
                {
                    Report(DiagnosticDescriptors.SizeMustBePositive, attribute, "The unit count of layer " + layers.Count.ToString(CultureInfo.InvariantCulture), units.ToString(CultureInfo.InvariantCulture));
                }

                int activationValue = attribute.ConstructorArguments.Length > 1 ? IntArgument(attribute, 1) : 0;
                if (!Enum.IsDefined(typeof(ActivationKind), activationValue))
                {
                    Report(DiagnosticDescriptors.UnknownEnumValue, attribute, "(Activation)" + activationValue.ToString(CultureInfo.InvariantCulture), "Activation");
                }

                bool bias = BoolNamedArgument(attribute, "Bias", true);
                int fanIn = layers.Count == 0 ? inputSize : layers[layers.Count - 1].Units;
                var layer = new LayerSpec(
                    layers.Count, LayerKind.Dense, Math.Max(fanIn, 0), Math.Max(units, 0), (ActivationKind)activationValue, bias,
                    (int)Math.Min(offset, MaxArrayLength));
                offset += (long)layer.InputSize * layer.Units + (bias ? layer.Units : 0);
                if (offset > MaxArrayLength && !tooLarge)
                {
                    Report(DiagnosticDescriptors.NetworkTooLarge, attribute, DisplayName,
                        FormattableString.Invariant($"the parameter count up to layer {layer.Index} ({offset})"), MaxArrayLength.ToString(CultureInfo.InvariantCulture));
                    tooLarge = true;
                }

                layers.Add(layer);
                layerAttributes.Add(attribute);
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

            return hierarchy is null ? null : new NetworkSpec(hierarchy, loss, inputSize, layers.ToEquatableArray());
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

            if (!ok)
            {
                return null;
            }

            string ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : string.Empty;
            return new HierarchyInfo(ns, Identifier(type.Name), Keyword(type, cancellationToken), containing.ToEquatableArray());
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
    public static bool IsLayerAttribute(string fullName) => fullName is InputAttributeName or DenseAttributeName;

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
