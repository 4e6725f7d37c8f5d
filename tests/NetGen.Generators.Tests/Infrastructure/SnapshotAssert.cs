using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.CodeAnalysis;
using NetGen.Generators.Emitters;
using Xunit;

namespace NetGen.Generators.Tests.Infrastructure;

/// <summary>
/// Compares generated files with <c>Snapshots/{TestName}/{HintName}.verified.txt</c> in the source tree. A mismatch
/// writes <c>{HintName}.received.txt</c> beside the verified file (git-ignored) and fails with the first differing
/// line; a generated file without a verified one, or a verified file nothing generated, fails too. Accepting is
/// explicit: with <c>NETGEN_ACCEPT_SNAPSHOTS=1</c> the verified files are rewritten (stale ones deleted), to be
/// reviewed in the diff like code.
/// </summary>
internal static class SnapshotAssert
{
    public const string AcceptVariable = "NETGEN_ACCEPT_SNAPSHOTS";
    private const string VerifiedSuffix = ".verified.txt";
    private const string ReceivedSuffix = ".received.txt";

    /// <summary>Compares every file <paramref name="run"/> generated with the snapshots of <paramref name="testName"/>.</summary>
    public static void Matches(GeneratorRun run, [CallerMemberName] string testName = "") =>
        Matches(run.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString()), testName);

    /// <summary>Compares <paramref name="files"/> (hint name to text) with the snapshots of <paramref name="testName"/>.</summary>
    public static void Matches(IReadOnlyDictionary<string, string> files, string testName)
    {
        string directory = Path.Combine(TestPaths.ProjectDirectory, "Snapshots", testName);
        Dictionary<string, string> received = files.ToDictionary(f => f.Key, f => Normalize(f.Value), StringComparer.Ordinal);
        SortedSet<string> verified = VerifiedHintNames(directory);

        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            Accept(directory, received, verified);
            return;
        }

        var failures = new List<string>();
        foreach (string hintName in verified.Where(h => !received.ContainsKey(h)))
        {
            failures.Add($"{hintName}: has a verified file but was not generated.");
        }

        foreach (KeyValuePair<string, string> file in received.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            string receivedPath = Path.Combine(directory, file.Key + ReceivedSuffix);
            if (!verified.Contains(file.Key))
            {
                Write(receivedPath, file.Value);
                failures.Add($"{file.Key}: was generated but has no verified file; wrote {receivedPath}.");
                continue;
            }

            string expected = Normalize(File.ReadAllText(Path.Combine(directory, file.Key + VerifiedSuffix)));
            if (expected == file.Value)
            {
                File.Delete(receivedPath);
                continue;
            }

            Write(receivedPath, file.Value);
            failures.Add($"{file.Key}: {FirstDifference(expected, file.Value)}\n  wrote {receivedPath}.");
        }

        if (failures.Count > 0)
        {
            Assert.Fail(
                $"Snapshots of {testName} differ:\n" + string.Join("\n", failures)
                + $"\nIf the change is intended, copy the received files over the verified ones or run with {AcceptVariable}=1, "
                + "and review the diff.");
        }
    }

    private static void Accept(string directory, Dictionary<string, string> received, SortedSet<string> verified)
    {
        Directory.CreateDirectory(directory);
        foreach (string stale in verified.Where(h => !received.ContainsKey(h)))
        {
            File.Delete(Path.Combine(directory, stale + VerifiedSuffix));
        }

        foreach (KeyValuePair<string, string> file in received)
        {
            Write(Path.Combine(directory, file.Key + VerifiedSuffix), file.Value);
            File.Delete(Path.Combine(directory, file.Key + ReceivedSuffix));
        }
    }

    private static SortedSet<string> VerifiedHintNames(string directory) =>
        new(
            Directory.Exists(directory)
                ? Directory.GetFiles(directory, "*" + VerifiedSuffix).Select(p => Path.GetFileName(p)[..^VerifiedSuffix.Length])
                : Enumerable.Empty<string>(),
            StringComparer.Ordinal);

    private static string FirstDifference(string expected, string received)
    {
        string[] expectedLines = expected.Split('\n');
        string[] receivedLines = received.Split('\n');
        for (int i = 0; ; i++)
        {
            string? e = i < expectedLines.Length ? expectedLines[i] : null;
            string? r = i < receivedLines.Length ? receivedLines[i] : null;
            if (e != r)
            {
                return $"first difference at line {i + 1}:\n  verified: {Show(e)}\n  received: {Show(r)}";
            }
        }
    }

    private static string Show(string? line) => line is null ? "<end of file>" : "\"" + line + "\"";

    // The generator's version in [GeneratedCode] is written as {GeneratorVersion}, so that a version bump does not
    // rewrite every snapshot; GeneratedCodeAttributeTests checks the real value.
    private static string Normalize(string text) => text.Replace("\r\n", "\n").Replace('\r', '\n')
        .Replace(
            $"GeneratedCode(\"{EmittedAttributes.GeneratorName}\", \"{EmittedAttributes.GeneratorVersion}\")",
            $"GeneratedCode(\"{EmittedAttributes.GeneratorName}\", \"{{GeneratorVersion}}\")");

    private static void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }
}
