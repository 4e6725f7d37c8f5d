using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace NetGen.Generators.Tests.Infrastructure;

/// <summary>An expected diagnostic: its id and the source text its location covers, e.g. <c>("NG0004", "Dense(0)")</c>.</summary>
internal readonly record struct ExpectedDiagnostic(string Id, string Span)
{
    public override string ToString() => $"{Id} at '{Span}'";

    public static implicit operator ExpectedDiagnostic((string Id, string Span) value) => new(value.Id, value.Span);
}

/// <summary>Assertions over lists of diagnostics.</summary>
internal static class DiagnosticAssert
{
    /// <summary>
    /// Fails unless <paramref name="actual"/> holds exactly <paramref name="expected"/>, in source order: same ids,
    /// each at the span whose text is given, and nothing else.
    /// </summary>
    public static void Exactly(IEnumerable<Diagnostic> actual, params ExpectedDiagnostic[] expected)
    {
        string[] actualRows = actual
            .OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .Select(d => new ExpectedDiagnostic(d.Id, SpanText(d)).ToString())
            .ToArray();
        string[] expectedRows = expected.Select(e => e.ToString()).ToArray();
        if (!actualRows.SequenceEqual(expectedRows))
        {
            Assert.Fail(
                "Expected diagnostics:\n  " + (expectedRows.Length == 0 ? "(none)" : string.Join("\n  ", expectedRows))
                + "\nActual diagnostics:\n  " + (actualRows.Length == 0 ? "(none)" : string.Join("\n  ", actualRows))
                + "\nIn full:\n" + Describe(actual));
        }
    }

    /// <summary>Fails if <paramref name="diagnostics"/> holds a warning or an error.</summary>
    public static void NoWarningsOrErrors(IEnumerable<Diagnostic> diagnostics, string where)
    {
        Diagnostic[] problems = diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
        Assert.True(problems.Length == 0, $"Warnings or errors in {where}:\n{Describe(problems)}");
    }

    /// <summary>The source text a diagnostic points at, or <c>&lt;no location&gt;</c>.</summary>
    public static string SpanText(Diagnostic diagnostic) =>
        diagnostic.Location.SourceTree is { } tree
            ? tree.GetText().ToString(diagnostic.Location.SourceSpan)
            : "<no location>";

    /// <summary>One diagnostic a line, the first <paramref name="limit"/> of them.</summary>
    public static string Describe(IEnumerable<Diagnostic> diagnostics, int limit = 12)
    {
        Diagnostic[] all = diagnostics.ToArray();
        IEnumerable<string> lines = all.Take(limit).Select(d => "  " + d);
        return string.Join("\n", all.Length > limit ? lines.Append($"  ... and {all.Length - limit} more") : lines);
    }
}
