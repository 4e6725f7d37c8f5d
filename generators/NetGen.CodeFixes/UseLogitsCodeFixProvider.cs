using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NetGen.CodeFixes;

/// <summary>
/// NG0005: makes the last layer of a CrossEntropy network output logits by removing its activation argument (the
/// layer's default is <c>Activation.Identity</c>) and the options that only that activation reads.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseLogitsCodeFixProvider)), Shared]
public sealed class UseLogitsCodeFixProvider : CodeFixProvider
{
    private const string ActivationType = "NetGen.Activation";

    // The named arguments of [Dense] and [Conv2D] that configure an activation (LeakyReLU, ELU, SoftPlus, PReLU).
    private static readonly ImmutableHashSet<string> s_activationOptions = ImmutableHashSet.Create("Slope", "Alpha", "Beta", "SlopePerUnit");

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.CrossEntropyExpectsLogits);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        AttributeSyntax? layer = root?.FindNode(context.Span, getInnermostNodeForTie: true).FirstAncestorOrSelf<AttributeSyntax>();
        if (root is null || model is null || layer?.ArgumentList is not { } arguments)
        {
            return;
        }

        AttributeArgumentSyntax[] removed = arguments.Arguments
            .Where(a => a.NameEquals is null
                ? model.GetTypeInfo(a.Expression, context.CancellationToken).ConvertedType?.ToDisplayString() == ActivationType
                : s_activationOptions.Contains(a.NameEquals.Name.Identifier.ValueText))
            .ToArray();
        if (!removed.Any(a => a.NameEquals is null))
        {
            return;
        }

        SeparatedSyntaxList<AttributeArgumentSyntax> kept = arguments.Arguments;
        foreach (AttributeArgumentSyntax argument in removed)
        {
            kept = kept.Remove(kept.First(a => a.IsEquivalentTo(argument)));
        }

        AttributeSyntax fixedLayer = layer.WithArgumentList(arguments.WithArguments(kept));
        context.RegisterCodeFix(
            CodeAction.Create(
                "Output logits: remove the last layer's activation",
                _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(layer, fixedLayer))),
                equivalenceKey: DiagnosticIds.CrossEntropyExpectsLogits),
            context.Diagnostics);
    }
}
