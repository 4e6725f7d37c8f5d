using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace NetGen.CodeFixes;

/// <summary>Helpers shared by the fixes: finding the network class of a diagnostic and editing every declaration
/// of a type, in whichever documents of the solution they are.</summary>
internal static class Declarations
{
    /// <summary>The class the diagnostic at <paramref name="span"/> belongs to: NetGen reports class-level problems
    /// on the class's <c>[Network]</c> attribute, so this is the innermost type declaration around the span.</summary>
    public static async Task<TypeDeclarationSyntax?> FindTypeAsync(Document document, TextSpan span, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return root?.FindNode(span, getInnermostNodeForTie: true).FirstAncestorOrSelf<TypeDeclarationSyntax>();
    }

    /// <summary>
    /// Rewrites every declaration of the given types with <paramref name="rewrite"/>. Declarations nested in one
    /// another (a containing type and its network) are rewritten together, inner first.
    /// </summary>
    public static async Task<Solution> RewriteAsync(
        Solution solution,
        IEnumerable<INamedTypeSymbol> types,
        Func<TypeDeclarationSyntax, TypeDeclarationSyntax> rewrite,
        CancellationToken cancellationToken)
    {
        IEnumerable<IGrouping<SyntaxTree, SyntaxReference>> byTree = types
            .SelectMany(t => t.DeclaringSyntaxReferences)
            .GroupBy(r => r.SyntaxTree);
        foreach (IGrouping<SyntaxTree, SyntaxReference> group in byTree)
        {
            Document? document = solution.GetDocument(group.Key);
            if (document is null)
            {
                continue; // A declaration in generated or metadata code cannot be edited.
            }

            SyntaxNode root = await group.Key.GetRootAsync(cancellationToken).ConfigureAwait(false);
            TypeDeclarationSyntax[] nodes = group
                .Select(r => r.GetSyntax(cancellationToken))
                .OfType<TypeDeclarationSyntax>()
                .ToArray();
            SyntaxNode newRoot = root.ReplaceNodes(nodes, (_, rewritten) => rewrite(rewritten));
            solution = solution.WithDocumentSyntaxRoot(document.Id, newRoot);
        }

        return solution;
    }

    /// <summary>Adds <c>partial</c> as the last modifier (where C# requires it), keeping the declaration's trivia.</summary>
    public static TypeDeclarationSyntax AddPartial(TypeDeclarationSyntax declaration)
    {
        if (declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            return declaration;
        }

        if (declaration.Modifiers.Count == 0)
        {
            // "class C": the keyword's leading trivia (indentation, or nothing after attributes) moves to "partial".
            SyntaxToken keyword = declaration.Keyword;
            SyntaxToken partial = SyntaxFactory.Token(keyword.LeadingTrivia, SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
            return declaration
                .WithKeyword(keyword.WithLeadingTrivia(SyntaxTriviaList.Empty))
                .WithModifiers(SyntaxFactory.TokenList(partial));
        }

        return declaration.WithModifiers(
            declaration.Modifiers.Add(SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space)));
    }

    /// <summary>Removes the modifier of <paramref name="kind"/>, handing its leading trivia to the next token.</summary>
    public static TypeDeclarationSyntax RemoveModifier(TypeDeclarationSyntax declaration, SyntaxKind kind)
    {
        int index = declaration.Modifiers.IndexOf(kind);
        if (index < 0)
        {
            return declaration;
        }

        SyntaxTriviaList leading = declaration.Modifiers[index].LeadingTrivia;
        SyntaxTokenList modifiers = declaration.Modifiers.RemoveAt(index);
        if (index < modifiers.Count)
        {
            modifiers = modifiers.Replace(modifiers[index], modifiers[index].WithLeadingTrivia(leading));
            return declaration.WithModifiers(modifiers);
        }

        return declaration.WithModifiers(modifiers).WithKeyword(declaration.Keyword.WithLeadingTrivia(leading));
    }
}
