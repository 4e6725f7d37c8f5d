using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace NetGen.Generators.Tests.Infrastructure;

/// <summary>
/// Finds this test project and the repository in the source tree, so that snapshots are read and written beside the
/// tests (not in bin/) and repository files (release tables, docs) can be checked.
/// </summary>
internal static class TestPaths
{
    private const string ProjectFile = "NetGen.Generators.Tests.csproj";
    private const string SolutionFile = "NetGen.sln";

    /// <summary>The folder holding <c>NetGen.Generators.Tests.csproj</c>.</summary>
    public static string ProjectDirectory => FindUp(ProjectFile);

    /// <summary>The folder holding <c>NetGen.sln</c>.</summary>
    public static string RepositoryRoot => FindUp(SolutionFile);

    // The compile-time path of this file is the first guess; the test binaries' folder is the fallback for builds
    // that map source paths (deterministic CI builds write "/_/..." into CallerFilePath).
    private static string FindUp(string marker)
    {
        foreach (string? start in new[] { Path.GetDirectoryName(ThisFile()), AppContext.BaseDirectory })
        {
            for (string? directory = start; !string.IsNullOrEmpty(directory); directory = Path.GetDirectoryName(directory))
            {
                if (File.Exists(Path.Combine(directory, marker)))
                {
                    return directory;
                }
            }
        }

        throw new InvalidOperationException(
            $"Could not find {marker} above '{ThisFile()}' or '{AppContext.BaseDirectory}'.");
    }

    private static string ThisFile([CallerFilePath] string path = "") => path;
}
