using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NetGen.CodeFixes;

/// <summary>
/// NG0001: adds <c>partial</c> to every declaration of the network class. NG0007: adds it to every declaration of
/// each type the network is nested in.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePartialCodeFixProvider)), Shared]
public sealed class MakePartialCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        DiagnosticIds.NetworkClassMustBePartial, DiagnosticIds.ContainingTypeMustBePartial);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        TypeDeclarationSyntax? declaration = await Declarations.FindTypeAsync(context.Document, context.Span, context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (declaration is null || model?.GetDeclaredSymbol(declaration, context.CancellationToken) is not INamedTypeSymbol network)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            bool containing = diagnostic.Id == DiagnosticIds.ContainingTypeMustBePartial;
            List<INamedTypeSymbol> types = containing ? ContainingTypes(network) : new List<INamedTypeSymbol> { network };
            string title = containing
                ? $"Make the types containing '{network.Name}' partial"
                : $"Make '{network.Name}' partial";
            context.RegisterCodeFix(
                CodeAction.Create(
                    title,
                    cancellationToken => Declarations.RewriteAsync(context.Document.Project.Solution, types, Declarations.AddPartial, cancellationToken),
                    equivalenceKey: diagnostic.Id),
                diagnostic);
        }
    }

    private static List<INamedTypeSymbol> ContainingTypes(INamedTypeSymbol type)
    {
        var types = new List<INamedTypeSymbol>();
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            types.Add(outer);
        }

        return types;
    }
}
