using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace NetGen.Generators.Tests.Infrastructure;

/// <summary>Builds the compilations the generator runs on: latest C#, a library, nullable enabled.</summary>
internal static class CompilationHelper
{
    public const string AssemblyName = "NetGen.Generators.TestInput";

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static readonly CSharpCompilationOptions Options = new(
        OutputKind.DynamicallyLinkedLibrary,
        nullableContextOptions: NullableContextOptions.Enable,
        deterministic: true);

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(() => LoadReferences(gpu: false));

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_gpuReferences = new(() => LoadReferences(gpu: true));

    /// <summary>
    /// Every trusted platform assembly of the test host plus the NetGen runtime (attributes, kernels), without ILGPU
    /// and NetGen.Gpu: the generator writes only the CPU file, as in a project that does not use the GPU back end.
    /// </summary>
    public static ImmutableArray<MetadataReference> References => s_references.Value;

    /// <summary>As <see cref="References"/> plus ILGPU and NetGen.Gpu: the generator writes the GPU file too.</summary>
    public static ImmutableArray<MetadataReference> GpuReferences => s_gpuReferences.Value;

    /// <summary>A compilation of <paramref name="sources"/>, named <c>Source0.cs</c>, <c>Source1.cs</c>, ...</summary>
    public static CSharpCompilation Create(params string[] sources) => Create(ParseOptions, sources);

    /// <summary>As <see cref="Create(string[])"/>, parsed with <paramref name="parseOptions"/>.</summary>
    public static CSharpCompilation Create(CSharpParseOptions parseOptions, params string[] sources) =>
        CSharpCompilation.Create(
            AssemblyName,
            sources.Select((source, i) => Parse(source, $"Source{i}.cs", parseOptions)),
            References,
            Options);

    /// <summary>As <see cref="Create(string[])"/>, referencing ILGPU and NetGen.Gpu (<see cref="GpuReferences"/>).</summary>
    public static CSharpCompilation CreateWithGpu(params string[] sources) => Create(ParseOptions, sources).WithReferences(GpuReferences);

    /// <summary>A compilation of files with the given paths.</summary>
    public static CSharpCompilation Create(params (string Path, string Source)[] files) =>
        CSharpCompilation.Create(AssemblyName, files.Select(f => Parse(f.Source, f.Path)), References, Options);

    public static SyntaxTree Parse(string source, string path, CSharpParseOptions? parseOptions = null) =>
        CSharpSyntaxTree.ParseText(source, parseOptions ?? ParseOptions, path);

    /// <summary>Replaces the text of the tree at <paramref name="path"/>, keeping its path and options.</summary>
    public static CSharpCompilation WithSource(CSharpCompilation compilation, string path, string source)
    {
        SyntaxTree old = compilation.SyntaxTrees.Single(t => t.FilePath == path);
        return compilation.ReplaceSyntaxTree(old, Parse(source, path));
    }

    /// <summary>The assemblies of the GPU back end, which the test host loads because this project references it.</summary>
    private static readonly string[] s_gpuAssemblies = ["ILGPU", "ILGPU.Algorithms", "NetGen.Gpu"];

    private static ImmutableArray<MetadataReference> LoadReferences(bool gpu)
    {
        string trusted = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string
            ?? throw new InvalidOperationException("TRUSTED_PLATFORM_ASSEMBLIES is not set.");
        var paths = new SortedSet<string>(
            trusted.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Where(p => !s_gpuAssemblies.Contains(Path.GetFileNameWithoutExtension(p), StringComparer.OrdinalIgnoreCase)),
            StringComparer.Ordinal)
        {
            typeof(NetworkAttribute).Assembly.Location,
        };
        if (gpu)
        {
            paths.Add(typeof(ILGPU.Runtime.Accelerator).Assembly.Location);
            paths.Add(typeof(ILGPU.Algorithms.XMath).Assembly.Location);
            paths.Add(typeof(NetGen.Gpu.GpuNetwork).Assembly.Location);
        }

        return paths.Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)).ToImmutableArray();
    }
}
