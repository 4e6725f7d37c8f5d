using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetGen.Generators.Tests.Infrastructure;
using Xunit;

namespace NetGen.Generators.Tests;

/// <summary>
/// Every C# block in README.md and docs/**/*.md compiles, with the NetGen generator running, against the framework
/// and every assembly in this test's output folder (NetGen, and any runtime assembly the project references later).
/// <para>The convention, by the block's info string (the words after the opening fence):</para>
/// <list type="bullet">
/// <item><c>```csharp</c> (or <c>cs</c>, <c>c#</c>): compiled with the page's other plain blocks, in page order, and
/// must give no warning and no error, NetGen's included. A block of declarations (usings, namespaces, types) is a file
/// of its own. A block with statements is top-level code: its usings are hoisted, its statements run in one method
/// shared by all the page's statement blocks, so a later block sees an earlier one's variables (and must not declare
/// them again), and its types follow them as in a top-level program, seeing every hoisted using. The SDK's implicit global usings (System, System.IO,
/// System.Linq, System.Collections.Generic, System.Threading, System.Threading.Tasks, System.Net.Http) are in
/// scope, as in a new console project; nullable is on.</item>
/// <item><c>```csharp separate</c>: compiled alone (for a block that redeclares a name of the page).</item>
/// <item><c>```csharp expect=NG0001</c> (ids comma-separated): compiled alone; must report each listed id and no
/// other warning or error. For the "Invalid" examples of the diagnostic pages.</item>
/// <item><c>```csharp fragment</c>, or any other language (<c>text</c>, <c>python</c>, <c>sh</c>): not compiled. Keep
/// these rare: an excerpt that cannot stand alone, such as a generated member shown for reading.</item>
/// </list>
/// A failure names the page, the line in it, the diagnostic and the line of code.
/// </summary>
public sealed class DocsCodeBlockTests
{
    public static TheoryData<string> Pages()
    {
        var data = new TheoryData<string>();
        foreach (string page in PagePaths())
        {
            data.Add(page);
        }

        return data;
    }

    /// <summary>README.md and docs/**/*.md, relative to the repository root, with '/'.</summary>
    private static string[] PagePaths()
    {
        string root = TestPaths.RepositoryRoot;
        return Directory.GetFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories)
            .Append(Path.Combine(root, "README.md"))
            .Select(p => Path.GetRelativePath(root, p).Replace('\\', '/'))
            .OrderBy(p => p, StringComparer.Ordinal)
            .ToArray();
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void CSharpBlocks_Compile(string page)
    {
        string markdown = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, page));
        IReadOnlyList<string> problems = DocsCompiler.CheckPage(page, markdown);

        Assert.True(problems.Count == 0, $"{problems.Count} problem(s) in the C# blocks of {page}:\n  " + string.Join("\n  ", problems));
    }

    [Fact]
    public void Pages_AreFound()
    {
        string[] pages = PagePaths();
        Assert.Contains("README.md", pages);
        Assert.Contains("docs/diagnostics/NG0001.md", pages);
    }

    // The checker itself: it must be able to fail, and say where.

    [Fact]
    public void Checker_ReportsTheLineOfAnError()
    {
        const string Page = """
            # Title

            ```csharp
            using NetGen;

            [Network]
            [Input(2)]
            [Dense(1)]
            public partial class Net { }
            ```

            Text.

            ```csharp
            var net = new Net(seed: 1);
            int wrong = net.Parameters;
            ```
            """;

        IReadOnlyList<string> problems = DocsCompiler.CheckPage("synthetic.md", Page);

        string problem = Assert.Single(problems);
        Assert.StartsWith("synthetic.md:16 (block opened on line 14): error CS0029:", problem, StringComparison.Ordinal);
        Assert.Contains("| int wrong = net.Parameters;", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Checker_SharesDeclarationsAndVariablesAcrossBlocks_AndAcceptsAValidPage()
    {
        const string Page = """
            ```csharp
            using NetGen;

            [Network(Loss = Loss.MSE)]
            [Input(2)]
            [Dense(1)]
            public partial class Net { }
            ```

            ```csharp
            var net = new Net(seed: 1);
            ```

            - In a list:

              ```csharp
              Console.WriteLine(net.Parameters.Length + Net.ParameterCount);
              ```

            ```python
            this is not C#
            ```

            ```csharp fragment
            this is not C# either
            ```
            """;

        Assert.Empty(DocsCompiler.CheckPage("synthetic.md", Page));
    }

    [Fact]
    public void Checker_ReportsNetGenDiagnostics_AndChecksExpectedOnes()
    {
        const string Invalid = """
            using NetGen;

            [Network]
            [Input(2)]
            [Dense(0)]
            public partial class Net { }
            """;

        IReadOnlyList<string> plain = DocsCompiler.CheckPage("a.md", "```csharp\n" + Invalid + "\n```\n");
        Assert.Contains(plain, p => p.StartsWith("a.md:6 (block opened on line 1): error NG0004:", StringComparison.Ordinal));

        Assert.Empty(DocsCompiler.CheckPage("b.md", "```csharp expect=NG0004\n" + Invalid + "\n```\n"));

        IReadOnlyList<string> wrongExpectation = DocsCompiler.CheckPage("c.md", "```csharp expect=NG0001\n" + Invalid + "\n```\n");
        Assert.Contains(wrongExpectation, p => p.Contains("expected NG0001, but the block reported NG0004", StringComparison.Ordinal));
        Assert.Contains(wrongExpectation, p => p.Contains("error NG0004", StringComparison.Ordinal));
    }

    [Fact]
    public void Checker_RejectsStatementsAfterADeclaration_AsCSharpDoes()
    {
        const string Page = """
            ```csharp
            using NetGen;

            [Network(Loss = Loss.MSE)]
            [Input(2)]
            [Dense(1)]
            public partial class Net { }

            var net = new Net(seed: 1);
            ```
            """;

        string problem = Assert.Single(DocsCompiler.CheckPage("d.md", Page));
        Assert.StartsWith("d.md:4 (block opened on line 1): error CS8803:", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Checker_HonoursPragmas_ForGeneratorAndAnalyzerDiagnostics()
    {
        const string Page = """
            ```csharp
            using NetGen;

            [Network(Loss = Loss.CrossEntropy)]
            [Input(4)]
            #pragma warning disable NG0005
            [Dense(3, Activation.Sigmoid)]
            #pragma warning restore NG0005
            public partial class Net { }

            #pragma warning disable NG0015
            [Input(4)]
            #pragma warning restore NG0015
            public class NotANetwork { }
            ```
            """;

        Assert.Empty(DocsCompiler.CheckPage("e.md", Page));
        string[] unsuppressed = DocsCompiler.CheckPage("e.md", Page.Replace("#pragma warning disable NG0005\n", string.Empty, StringComparison.Ordinal)
            .Replace("#pragma warning disable NG0015\n", string.Empty, StringComparison.Ordinal)).ToArray();
        Assert.Contains(unsuppressed, p => p.Contains("warning NG0005", StringComparison.Ordinal));
        Assert.Contains(unsuppressed, p => p.Contains("warning NG0015", StringComparison.Ordinal));
    }
}
