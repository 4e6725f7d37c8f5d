using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using NetGen.Generators.Parsing;

namespace NetGen.Generators.Diagnostics;

/// <summary>
/// Reports layer attributes on a class without <c>[Network]</c>. The generator's pipeline only sees classes that
/// have <c>[Network]</c>, so this check lives in an analyzer of its own.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LayerWithoutNetworkAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.LayerAttributeWithoutNetwork);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSymbolAction(AnalyzeType, SymbolKind.NamedType);
    }

    private static void AnalyzeType(SymbolAnalysisContext context)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        ImmutableArray<AttributeData> attributes = type.GetAttributes();
        if (attributes.Any(a => NetworkParser.FullName(a.AttributeClass) == NetworkParser.NetworkAttributeName))
        {
            return;
        }

        foreach (AttributeData attribute in attributes)
        {
            string name = NetworkParser.FullName(attribute.AttributeClass);
            if (NetworkParser.IsLayerAttribute(name) && attribute.ApplicationSyntaxReference is { } reference)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.LayerAttributeWithoutNetwork,
                    reference.GetSyntax(context.CancellationToken).GetLocation(),
                    NetworkParser.ShortName(name),
                    type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat)));
            }
        }
    }
}
