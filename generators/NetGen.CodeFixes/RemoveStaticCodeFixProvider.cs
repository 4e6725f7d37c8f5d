using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NetGen.CodeFixes;

/// <summary>NG0013: removes <c>static</c> from every declaration of the network class.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveStaticCodeFixProvider)), Shared]
public sealed class RemoveStaticCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.NetworkClassMustNotBeStatic);

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
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Remove 'static' from '{network.Name}'",
                    cancellationToken => Declarations.RewriteAsync(
                        context.Document.Project.Solution,
                        new[] { network },
                        d => Declarations.RemoveModifier(d, SyntaxKind.StaticKeyword),
                        cancellationToken),
                    equivalenceKey: diagnostic.Id),
                diagnostic);
        }
    }
}
