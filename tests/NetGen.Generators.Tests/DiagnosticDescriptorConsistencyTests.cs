using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using NetGen.Generators.Diagnostics;
using NetGen.Generators.Tests.Infrastructure;
using Xunit;

namespace NetGen.Generators.Tests;

/// <summary>
/// Every descriptor in <see cref="DiagnosticDescriptors"/> has a unique id, a help link to its page, a row in the
/// release tables, a page in docs/diagnostics and a test named after it. Each check is its own test so that one
/// missing piece does not hide another.
/// </summary>
public sealed class DiagnosticDescriptorConsistencyTests
{
    private static readonly IReadOnlyList<(string Name, DiagnosticDescriptor Descriptor)> s_descriptors =
        typeof(DiagnosticDescriptors)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (f.Name, (DiagnosticDescriptor)f.GetValue(null)!))
            .ToArray();

    [Fact]
    public void Descriptors_AreFound()
    {
        Assert.NotEmpty(s_descriptors);
        Assert.All(s_descriptors, d => Assert.Matches("^NG[0-9]{4}$", d.Descriptor.Id));
    }

    [Fact]
    public void Descriptors_HaveUniqueIds()
    {
        string[] duplicates = s_descriptors.GroupBy(d => d.Descriptor.Id)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(d => d.Name))}")
            .ToArray();

        Assert.True(duplicates.Length == 0, "Ids used more than once:\n" + string.Join("\n", duplicates));
    }

    [Fact]
    public void Descriptors_LinkToTheirPage()
    {
        Assert.EndsWith("/docs/diagnostics/", DiagnosticDescriptors.HelpLinkBase, StringComparison.Ordinal);
        string[] problems = s_descriptors
            .Where(d => d.Descriptor.HelpLinkUri != DiagnosticDescriptors.HelpLinkBase + d.Descriptor.Id + ".md")
            .Select(d => $"{d.Descriptor.Id} ({d.Name}): helpLinkUri is '{d.Descriptor.HelpLinkUri}', expected '{DiagnosticDescriptors.HelpLinkBase}{d.Descriptor.Id}.md'")
            .ToArray();

        Assert.True(problems.Length == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Pages_HaveTheDescriptorsTitle()
    {
        string[] problems = s_descriptors
            .Select(d => (d, Path: PagePath(d.Descriptor.Id)))
            .Where(p => File.Exists(p.Path))
            .Select(p => (p.d, First: File.ReadLines(p.Path).FirstOrDefault() ?? string.Empty))
            .Where(p => p.First != $"# {p.d.Descriptor.Id}: {p.d.Descriptor.Title}")
            .Select(p => $"docs/diagnostics/{p.d.Descriptor.Id}.md: the title line is '{p.First}', expected '# {p.d.Descriptor.Id}: {p.d.Descriptor.Title}'")
            .ToArray();

        Assert.True(problems.Length == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Pages_QuoteTheDescriptorsMessage()
    {
        var problems = new List<string>();
        foreach ((string name, DiagnosticDescriptor descriptor) in s_descriptors)
        {
            string path = PagePath(descriptor.Id);
            if (!File.Exists(path))
            {
                continue; // Descriptors_HaveADocumentationPage reports it.
            }

            string[] lines = File.ReadAllLines(path);
            int heading = Array.IndexOf(lines, "## Message");
            string? quote = heading < 0 ? null : lines.Skip(heading + 1).FirstOrDefault(l => l.StartsWith("> ", StringComparison.Ordinal));
            string expected = descriptor.MessageFormat.ToString(CultureInfo.InvariantCulture);
            if (quote is null)
            {
                problems.Add($"docs/diagnostics/{descriptor.Id}.md: no '## Message' section with a '> ' quote");
            }
            else if (quote.Substring(2) != expected)
            {
                problems.Add($"docs/diagnostics/{descriptor.Id}.md: quotes\n    {quote.Substring(2)}\n  but {name} says\n    {expected}");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Pages_BelongToADescriptor_AndAreInTheIndex()
    {
        string directory = Path.Combine(TestPaths.RepositoryRoot, "docs", "diagnostics");
        HashSet<string> ids = s_descriptors.Select(d => d.Descriptor.Id).ToHashSet(StringComparer.Ordinal);
        string[] orphans = Directory.GetFiles(directory, "NG*.md")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(id => !ids.Contains(id!))
            .Select(id => $"docs/diagnostics/{id}.md has no descriptor")
            .ToArray();
        string index = File.ReadAllText(Path.Combine(directory, "README.md"));
        string[] unindexed = s_descriptors
            .Where(d => !index.Contains($"| {d.Descriptor.Id} | {d.Descriptor.DefaultSeverity} | {d.Descriptor.Title} | [{d.Descriptor.Id}]({d.Descriptor.Id}.md) |", StringComparison.Ordinal))
            .Select(d => $"docs/diagnostics/README.md: no row '| {d.Descriptor.Id} | {d.Descriptor.DefaultSeverity} | {d.Descriptor.Title} | [{d.Descriptor.Id}]({d.Descriptor.Id}.md) |'")
            .ToArray();

        Assert.True(orphans.Length + unindexed.Length == 0, string.Join("\n", orphans.Concat(unindexed)));
    }

    [Fact]
    public void Descriptors_HaveARowInTheReleaseTables()
    {
        string directory = Path.Combine(TestPaths.RepositoryRoot, "generators", "NetGen.Generators");
        var rows = new Dictionary<string, List<string[]>>(StringComparer.Ordinal);
        foreach (string file in new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" })
        {
            foreach (string line in File.ReadAllLines(Path.Combine(directory, file)))
            {
                string[] cells = line.Split('|').Select(c => c.Trim()).ToArray();
                if (cells.Length >= 3 && cells[0].StartsWith("NG", StringComparison.Ordinal))
                {
                    if (!rows.TryGetValue(cells[0], out List<string[]>? list))
                    {
                        rows[cells[0]] = list = new List<string[]>();
                    }

                    list.Add(cells);
                }
            }
        }

        var problems = new List<string>();
        foreach ((string name, DiagnosticDescriptor descriptor) in s_descriptors)
        {
            if (!rows.TryGetValue(descriptor.Id, out List<string[]>? found))
            {
                problems.Add($"{descriptor.Id} ({name}): no row in AnalyzerReleases.Shipped.md or AnalyzerReleases.Unshipped.md");
                continue;
            }

            string[] row = found[found.Count - 1];
            if (row[1] != descriptor.Category || row[2] != descriptor.DefaultSeverity.ToString())
            {
                problems.Add(
                    $"{descriptor.Id} ({name}): the row says {row[1]}/{row[2]}, the descriptor {descriptor.Category}/{descriptor.DefaultSeverity}");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Descriptors_HaveADocumentationPage()
    {
        string[] missing = s_descriptors
            .Where(d => !File.Exists(PagePath(d.Descriptor.Id)))
            .Select(d => $"{d.Descriptor.Id} ({d.Name}): docs/diagnostics/{d.Descriptor.Id}.md does not exist")
            .ToArray();

        Assert.True(missing.Length == 0, string.Join("\n", missing));
    }

    [Fact]
    public void Descriptors_HaveATestNamedAfterThem()
    {
        string[] tests = typeof(DiagnosticTests)
            .GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.GetCustomAttributes<FactAttribute>().Any())
            .Select(m => m.Name)
            .ToArray();
        string[] missing = s_descriptors
            .Where(d => !tests.Any(t => t.StartsWith(d.Name + "_", StringComparison.Ordinal)))
            .Select(d => $"{d.Descriptor.Id}: no test in {nameof(DiagnosticTests)} named {d.Name}_...")
            .ToArray();

        Assert.True(missing.Length == 0, string.Join("\n", missing));
    }

    private static string PagePath(string id) => Path.Combine(TestPaths.RepositoryRoot, "docs", "diagnostics", id + ".md");
}
