using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace NetGen.Generators.Tests.Infrastructure;

/// <summary>A fenced code block of a Markdown page: its info string, its text, and where its first line of code is.</summary>
internal sealed record CodeBlock(string Page, int FirstLine, int LineCount, string Language, IReadOnlyList<string> Flags, string Code)
{
    public bool IsCSharp => Language is "csharp" or "cs" or "c#";

    public bool IsFragment => Flags.Contains("fragment");

    public bool IsSeparate => Flags.Contains("separate") || ExpectedIds.Count > 0;

    /// <summary>The ids of <c>expect=NG0001,CS0260</c>.</summary>
    public IReadOnlyList<string> ExpectedIds =>
        Flags.Where(f => f.StartsWith("expect=", StringComparison.Ordinal))
            .SelectMany(f => f.Substring("expect=".Length).Split(',', StringSplitOptions.RemoveEmptyEntries))
            .ToArray();

    public string Where => $"{Page}:{FirstLine - 1} (the block opened on line {FirstLine - 1})";

    public bool Contains(int line) => line >= FirstLine && line < FirstLine + LineCount;
}

/// <summary>
/// Compiles the C# blocks of Markdown pages with the NetGen generator, following the convention documented on
/// <see cref="DocsCodeBlockTests"/>. Diagnostics are mapped back to the page and line with <c>#line</c>.
/// </summary>
internal static class DocsCompiler
{
    private static readonly CSharpParseOptions s_parseOptions = new(LanguageVersion.Latest);

    private static readonly CSharpCompilationOptions s_options = new(
        OutputKind.DynamicallyLinkedLibrary,
        nullableContextOptions: NullableContextOptions.Enable,
        allowUnsafe: true);

    /// <summary>The global usings of an SDK console project (ImplicitUsings enabled), which a reader's project has.</summary>
    private const string ImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        """;

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(LoadReferences);

    /// <summary>The analyzers shipped beside the generator (NG0015 comes from one), as the build runs them.</summary>
    private static readonly Lazy<ImmutableArray<DiagnosticAnalyzer>> s_analyzers = new(() => typeof(NetworkGenerator).Assembly
        .GetTypes()
        .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract && t.GetCustomAttributes<DiagnosticAnalyzerAttribute>().Any())
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray());

    /// <summary>Every fenced block of <paramref name="markdown"/> (``` or ~~~, indented or not).</summary>
    public static IReadOnlyList<CodeBlock> Extract(string page, string markdown)
    {
        string[] lines = markdown.Replace("\r\n", "\n").Split('\n');
        var blocks = new List<CodeBlock>();
        for (int i = 0; i < lines.Length; i++)
        {
            string trimmed = lines[i].TrimStart(' ');
            int indent = lines[i].Length - trimmed.Length;
            char fence = trimmed.Length >= 3 && (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal)) ? trimmed[0] : '\0';
            if (fence == '\0')
            {
                continue;
            }

            int fenceLength = trimmed.TakeWhile(c => c == fence).Count();
            string[] info = trimmed.Substring(fenceLength).Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var code = new StringBuilder();
            int start = i + 1, j = start;
            for (; j < lines.Length; j++)
            {
                string closing = lines[j].TrimStart(' ');
                if (closing.Length >= fenceLength && closing.TakeWhile(c => c == fence).Count() >= fenceLength && closing.Trim(fence).Trim().Length == 0)
                {
                    break;
                }

                // Content of an indented fence (inside a list item) loses up to the fence's indentation.
                string line = lines[j];
                int remove = Math.Min(indent, line.Length - line.TrimStart(' ').Length);
                code.Append(line, remove, line.Length - remove).Append('\n');
            }

            blocks.Add(new CodeBlock(
                page, start + 1, j - start, info.Length > 0 ? info[0].ToLowerInvariant() : string.Empty, info.Skip(1).ToArray(), code.ToString()));
            i = j;
        }

        return blocks;
    }

    /// <summary>Compiles the C# blocks of one page; returns one line per problem, empty when all is well.</summary>
    public static IReadOnlyList<string> CheckPage(string page, string markdown)
    {
        CodeBlock[] blocks = Extract(page, markdown).Where(b => b.IsCSharp && !b.IsFragment).ToArray();
        var problems = new List<string>();
        CodeBlock[] together = blocks.Where(b => !b.IsSeparate).ToArray();
        if (together.Length > 0)
        {
            problems.AddRange(Problems(together, Compile(together)));
        }

        foreach (CodeBlock block in blocks.Where(b => b.IsSeparate))
        {
            IReadOnlyList<Diagnostic> diagnostics = Compile(new[] { block });
            if (block.ExpectedIds.Count == 0)
            {
                problems.AddRange(Problems(new[] { block }, diagnostics));
                continue;
            }

            string[] reported = diagnostics.Select(d => d.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal).ToArray();
            string[] missing = block.ExpectedIds.Except(reported).ToArray();
            Diagnostic[] unexpected = diagnostics.Where(d => !block.ExpectedIds.Contains(d.Id)).ToArray();
            if (missing.Length > 0)
            {
                problems.Add($"{block.Where}: expected {string.Join(", ", missing)}, but the block reported {(reported.Length == 0 ? "nothing" : string.Join(", ", reported))}");
            }

            problems.AddRange(Problems(new[] { block }, unexpected));
        }

        return problems;
    }

    /// <summary>The warnings and errors of the blocks compiled together, after the generator ran.</summary>
    public static IReadOnlyList<Diagnostic> Compile(IReadOnlyList<CodeBlock> blocks)
    {
        var trees = new List<SyntaxTree> { CSharpSyntaxTree.ParseText(ImplicitUsings, s_parseOptions, "ImplicitUsings.cs") };
        var usings = new List<string>();
        var usingSeen = new HashSet<string>(StringComparer.Ordinal);
        var statements = new StringBuilder();
        var misplaced = new List<Diagnostic>();
        var declarations = new StringBuilder(); // the types declared after statements: they see the hoisted usings
        bool isAsync = false;
        foreach (CodeBlock block in blocks)
        {
            var root = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(block.Code, s_parseOptions).GetRoot();
            if (!root.Members.OfType<GlobalStatementSyntax>().Any())
            {
                trees.Add(Parse($"#line {block.FirstLine} \"{block.Page}\"\n{block.Code}", $"{block.Page}@{block.FirstLine}.cs"));
                continue;
            }

            // Statements: usings hoisted to the top of one file, statements into one method in page order (so that a
            // later block sees the variables of an earlier one), declarations after the wrapper in the same file.
            foreach (UsingDirectiveSyntax directive in root.Usings)
            {
                if (usingSeen.Add(directive.ToString()))
                {
                    usings.Add($"#line {LineOf(block, directive)} \"{block.Page}\"\n{directive}\n");
                }
            }

            // C# wants top-level statements before any type declaration of the file (CS8803); splitting the block
            // would hide that, so it is checked here.
            MemberDeclarationSyntax? early = root.Members.TakeWhile(m => m is not GlobalStatementSyntax).FirstOrDefault(m => m is not GlobalStatementSyntax);
            if (early is not null)
            {
                misplaced.Add(Diagnostic.Create(
                    "CS8803", "Compiler", "Top-level statements must precede namespace and type declarations", DiagnosticSeverity.Error, DiagnosticSeverity.Error, true, 0,
                    location: Location.Create(block.Page, default, new Microsoft.CodeAnalysis.Text.LinePositionSpan(
                        new Microsoft.CodeAnalysis.Text.LinePosition(LineOf(block, early) - 1, 0), new Microsoft.CodeAnalysis.Text.LinePosition(LineOf(block, early) - 1, 0)))));
            }

            foreach (MemberDeclarationSyntax member in root.Members)
            {
                StringBuilder target = member is GlobalStatementSyntax ? statements : declarations;
                target.Append($"#line {LineOf(block, member)} \"{block.Page}\"\n").Append(member.ToString()).Append('\n');
            }

            // As in a real top-level program, Main is async only when the statements await something (C# 12 allows no
            // Span locals in an async method).
            isAsync |= root.Members.OfType<GlobalStatementSyntax>().SelectMany(g => g.DescendantTokens())
                .Any(t => t.IsKind(SyntaxKind.AwaitKeyword)
                    && !t.Parent!.AncestorsAndSelf().Any(n => n is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax));
        }

        if (statements.Length > 0)
        {
            string signature = isAsync ? "async global::System.Threading.Tasks.Task" : "void";
            string program = string.Concat(usings) + "#line default\n"
                + $"internal static class __DocumentationStatements\n{{\n    internal static {signature} __Run()\n    {{\n"
                + statements + "#line default\n    }\n}\n" + declarations;
            trees.Add(Parse(program, $"{blocks[0].Page}.statements.cs"));
        }

        CSharpCompilation compilation = CSharpCompilation.Create("NetGen.Docs", trees, s_references.Value, s_options);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new ISourceGenerator[] { new NetworkGenerator().AsSourceGenerator() }, parseOptions: s_parseOptions);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        ImmutableArray<Diagnostic> analyzerDiagnostics = output
            .WithAnalyzers(s_analyzers.Value)
            .GetAnalyzerDiagnosticsAsync()
            .GetAwaiter().GetResult();
        return misplaced.Concat(generatorDiagnostics).Concat(output.GetDiagnostics()).Concat(analyzerDiagnostics)
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && !d.IsSuppressed)
            .ToArray();
    }

    private static SyntaxTree Parse(string text, string path) => CSharpSyntaxTree.ParseText(text, s_parseOptions, path);

    private static int LineOf(CodeBlock block, SyntaxNode node) =>
        block.FirstLine + node.GetLocation().GetLineSpan().StartLinePosition.Line;

    private static IEnumerable<string> Problems(IReadOnlyList<CodeBlock> blocks, IEnumerable<Diagnostic> diagnostics)
    {
        foreach (Diagnostic diagnostic in diagnostics)
        {
            bool external = diagnostic.Location.Kind == LocationKind.ExternalFile; // the CS8803 check's own location
            FileLinePositionSpan span = external ? diagnostic.Location.GetLineSpan() : diagnostic.Location.GetMappedLineSpan();
            int line = span.StartLinePosition.Line + 1;
            CodeBlock? block = span.HasMappedPath || external ? blocks.FirstOrDefault(b => b.Page == span.Path && b.Contains(line)) : null;
            string where = block is not null
                ? $"{block.Page}:{line} (block opened on line {block.FirstLine - 1})"
                : diagnostic.Location.IsInSource ? $"{span.Path}:{line} (outside the blocks: generated code or a block's wrapper)" : "(no location)";
            string code = block is not null ? block.Code.Split('\n')[line - block.FirstLine].Trim() : string.Empty;
            yield return $"{where}: {diagnostic.Severity.ToString().ToLowerInvariant()} {diagnostic.Id}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}"
                + (code.Length > 0 ? $"\n      | {code}" : string.Empty);
        }
    }

    /// <summary>
    /// The framework (trusted platform assemblies) plus every managed assembly in the test's output folder: NetGen and
    /// whatever else the test project references, so that a new runtime assembly needs no change here. The framework
    /// wins where a name is in both.
    /// </summary>
    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        string trusted = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty;
        var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string path in trusted.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            byName[Path.GetFileNameWithoutExtension(path)] = path;
        }

        foreach (string path in Directory.GetFiles(AppContext.BaseDirectory, "*.dll"))
        {
            string name = Path.GetFileNameWithoutExtension(path);
            if (byName.ContainsKey(name))
            {
                continue;
            }

            try
            {
                AssemblyName.GetAssemblyName(path);
                byName[name] = path;
            }
            catch (BadImageFormatException)
            {
                // A native library: not a reference.
            }
        }

        return byName.Values.OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    }
}
