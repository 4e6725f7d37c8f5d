using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NetGen.CodeFixes;

/// <summary>
/// NG0010, when the class has a single <c>[Input]</c> placed after a layer: moves that <c>[Input]</c> in front of
/// the first layer attribute. A second <c>[Input]</c> is not fixed: which one is meant cannot be told.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MoveInputFirstCodeFixProvider)), Shared]
public sealed class MoveInputFirstCodeFixProvider : CodeFixProvider
{
    private const string InputAttribute = "NetGen.InputAttribute";
    private const string NetworkAttribute = "NetGen.NetworkAttribute";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.InputMustComeFirst);

    public override FixAllProvider? GetFixAllProvider() => null; // One [Input] per class: nothing to batch.

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        AttributeSyntax? input = root?.FindNode(context.Span, getInnermostNodeForTie: true).FirstAncestorOrSelf<AttributeSyntax>();
        if (root is null || model is null || input?.Parent?.Parent is not TypeDeclarationSyntax declaration)
        {
            return;
        }

        AttributeSyntax[] attributes = declaration.AttributeLists.SelectMany(l => l.Attributes).ToArray();
        string?[] names = attributes.Select(a => Name(model, a, context.CancellationToken)).ToArray();
        // Layer attributes: every NetGen attribute but [Network] and [Input], so that new layers need no change here.
        int firstLayer = System.Array.FindIndex(names, n => n is not null && n.StartsWith("NetGen.", System.StringComparison.Ordinal)
            && n != InputAttribute && n != NetworkAttribute);
        int inputIndex = System.Array.IndexOf(attributes, input);
        if (names.Count(n => n == InputAttribute) != 1 || inputIndex < 0 || names[inputIndex] != InputAttribute
            || firstLayer < 0 || firstLayer > inputIndex)
        {
            return;
        }

        AttributeSyntax layer = attributes[firstLayer];
        context.RegisterCodeFix(
            CodeAction.Create(
                "Move [Input] before the first layer",
                _ => Task.FromResult(context.Document.WithSyntaxRoot(Move(root, declaration, input, layer))),
                equivalenceKey: DiagnosticIds.InputMustComeFirst),
            context.Diagnostics);
    }

    private static string? Name(SemanticModel model, AttributeSyntax attribute, CancellationToken cancellationToken) =>
        model.GetTypeInfo(attribute, cancellationToken).Type?.ToDisplayString()
        ?? (model.GetSymbolInfo(attribute, cancellationToken).Symbol as IMethodSymbol)?.ContainingType.ToDisplayString();

    /// <summary>Takes <paramref name="input"/> out of its list (the list too, if it was alone there) and puts it
    /// before <paramref name="layer"/>: as a list of its own on the line above when the layer starts its list, else
    /// inside the layer's list.</summary>
    private static SyntaxNode Move(SyntaxNode root, TypeDeclarationSyntax declaration, AttributeSyntax input, AttributeSyntax layer)
    {
        var inputList = (AttributeListSyntax)input.Parent!;
        var layerList = (AttributeListSyntax)layer.Parent!;
        AttributeSyntax moved = input.WithoutTrivia();
        if (inputList == layerList)
        {
            SeparatedSyntaxList<AttributeSyntax> reordered = inputList.Attributes
                .RemoveAt(inputList.Attributes.IndexOf(input))
                .Insert(inputList.Attributes.IndexOf(layer), moved);
            return root.ReplaceNode(inputList, inputList.WithAttributes(reordered));
        }

        // Indices, not nodes: a changed SyntaxList holds new node instances. The layer's list comes before the
        // input's, so removing the input first leaves the layer's index alone.
        SyntaxList<AttributeListSyntax> lists = declaration.AttributeLists;
        int inputListIndex = lists.IndexOf(inputList);
        int layerListIndex = lists.IndexOf(layerList);
        int layerIndex = layerList.Attributes.IndexOf(layer);
        lists = inputList.Attributes.Count == 1
            ? lists.RemoveAt(inputListIndex)
            : lists.RemoveAt(inputListIndex).Insert(inputListIndex, inputList.WithAttributes(inputList.Attributes.RemoveAt(inputList.Attributes.IndexOf(input))));

        if (layerIndex == 0)
        {
            // A list of its own on the line above the layer's, indented like it; comments above the layer stay above both.
            SyntaxTriviaList leading = layerList.GetLeadingTrivia();
            SyntaxTriviaList indentation = SyntaxFactory.TriviaList(leading.Reverse().TakeWhile(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).Reverse());
            SyntaxTrivia newLine = layerList.GetTrailingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
            AttributeListSyntax newList = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(moved))
                .WithLeadingTrivia(leading)
                .WithTrailingTrivia(newLine.IsKind(SyntaxKind.EndOfLineTrivia) ? newLine : SyntaxFactory.ElasticCarriageReturnLineFeed);
            lists = lists.RemoveAt(layerListIndex)
                .Insert(layerListIndex, layerList.WithLeadingTrivia(indentation))
                .Insert(layerListIndex, newList);
        }
        else
        {
            lists = lists.RemoveAt(layerListIndex)
                .Insert(layerListIndex, layerList.WithAttributes(layerList.Attributes.Insert(layerIndex, moved)));
        }

        return root.ReplaceNode(declaration, declaration.WithAttributeLists(lists));
    }
}
