using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace NetGen.Generators.Tests.Infrastructure;

/// <summary>
/// Applies a code fix the way the IDE does: the generator runs on the sources, the first diagnostic with the given id
/// is handed to the provider inside an <see cref="AdhocWorkspace"/> holding the same files, and the one offered action
/// is applied. Returns the sources after the fix, in the order given.
/// </summary>
internal static class CodeFixHarness
{
    public static async Task<string[]> ApplyAsync(CodeFixProvider provider, string id, params string[] sources)
    {
        IReadOnlyList<CodeAction> actions = await OfferedAsync(provider, id, sources);
        CodeAction action = Assert.Single(actions);
        ImmutableArray<CodeActionOperation> operations = await action.GetOperationsAsync(CancellationToken.None);
        Solution changed = Assert.Single(operations.OfType<ApplyChangesOperation>()).ChangedSolution;
        Project project = changed.Projects.Single();
        var result = new string[sources.Length];
        for (int i = 0; i < sources.Length; i++)
        {
            Document document = project.Documents.Single(d => d.FilePath == $"Source{i}.cs");
            result[i] = (await document.GetTextAsync()).ToString();
        }

        return result;
    }

    /// <summary>The actions <paramref name="provider"/> offers for the first NetGen diagnostic <paramref name="id"/>.</summary>
    public static async Task<IReadOnlyList<CodeAction>> OfferedAsync(CodeFixProvider provider, string id, params string[] sources)
    {
        Assert.Contains(id, provider.FixableDiagnosticIds);
        GeneratorRun run = GeneratorHarness.RunAllowingDiagnostics(sources);
        Diagnostic? diagnostic = run.GeneratorDiagnostics.FirstOrDefault(d => d.Id == id);
        Assert.True(diagnostic is not null, $"NetGen did not report {id}; it reported:\n{DiagnosticAssert.Describe(run.GeneratorDiagnostics)}");

        using var workspace = new AdhocWorkspace();
        Project project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(),
            VersionStamp.Default,
            "NetGenCodeFixTest",
            CompilationHelper.AssemblyName,
            LanguageNames.CSharp,
            compilationOptions: CompilationHelper.Options,
            parseOptions: CompilationHelper.ParseOptions,
            metadataReferences: CompilationHelper.References));
        for (int i = 0; i < sources.Length; i++)
        {
            project = project.AddDocument($"Source{i}.cs", SourceText.From(sources[i]), filePath: $"Source{i}.cs").Project;
        }

        Document document = project.Documents.Single(d => d.FilePath == diagnostic!.Location.SourceTree!.FilePath);
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic!, (action, _) => actions.Add(action), CancellationToken.None);
        await provider.RegisterCodeFixesAsync(context);
        return actions;
    }
}
