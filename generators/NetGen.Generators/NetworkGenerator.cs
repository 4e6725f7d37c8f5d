using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generators.Emitters;
using NetGen.Generators.Model;
using NetGen.Generators.Parsing;

namespace NetGen.Generators;

/// <summary>
/// The pipeline only: each class with <c>[Network]</c> is parsed into a <see cref="NetworkSpec"/>; the spec feeds the
/// emitters, and the diagnostics go out on their own, so a moved line re-reports a warning without re-emitting code.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class NetworkGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ParseResult> results = context.SyntaxProvider.ForAttributeWithMetadataName(
            NetworkParser.NetworkAttributeName,
            static (node, _) => node is ClassDeclarationSyntax
                or RecordDeclarationSyntax { ClassOrStructKeyword.RawKind: not (int)SyntaxKind.StructKeyword },
            NetworkParser.Parse);

        IncrementalValuesProvider<NetworkSpec> specs = results
            .Select(static (result, _) => result.Spec)
            .WithTrackingName(StepNames.NetworkSpec)
            .Where(static spec => spec is not null)!;

        context.RegisterSourceOutput(specs, static (output, spec) =>
            output.AddSource(CpuEmitter.HintName(spec), CpuEmitter.Emit(spec)));

        // The GPU companion only where the compilation can compile it: a flag, never the compilation, enters the pipeline.
        IncrementalValueProvider<bool> gpuEnabled = context.CompilationProvider
            .Select(static (compilation, _) => GpuSupport.IsEnabled(compilation))
            .WithTrackingName(StepNames.GpuEnabled);

        context.RegisterSourceOutput(specs.Combine(gpuEnabled).WithTrackingName(StepNames.GpuInput), static (output, pair) =>
        {
            if (pair.Right)
            {
                output.AddSource(GpuEmitter.HintName(pair.Left), GpuEmitter.Emit(pair.Left));
            }
        });

        context.RegisterSourceOutput(results.Select(static (result, _) => result.Diagnostics), static (output, diagnostics) =>
        {
            foreach (Diagnostic diagnostic in diagnostics)
            {
                output.ReportDiagnostic(diagnostic);
            }
        });
    }
}
