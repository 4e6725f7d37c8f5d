using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Generators.Emitters;
using NetGen.Generators.Tests.Infrastructure;
using Xunit;

namespace NetGen.Generators.Tests;

/// <summary>
/// What tools see of the generated code: <c>[GeneratedCode]</c> with the generator's name and version on every
/// generated member that runs code, XML documentation on every public member, and debugger attributes only on the
/// plumbing (never on the members a user steps into).
/// </summary>
public sealed class GeneratedCodeAttributeTests
{
    private const string Network = """
        using NetGen;

        namespace Demo;

        /// <summary>A network.</summary>
        [Network(Loss = Loss.CrossEntropy, L2 = 0.01)]
        [Input(1, 8, 8)]
        [Conv2D(2, 3, Activation.PReLU, MaxNorm = 3)]
        [MaxPool2D(2)]
        [Dropout(0.5)]
        [Dense(3)]
        public partial class Net { }

        /// <summary>A regression network: its explicit labels overload is generated too.</summary>
        [Network(Loss = Loss.MSE)]
        [Input(4)]
        [Dense(2)]
        public partial class Regressor { }
        """;

    [Fact]
    public void GeneratedMembers_CarryGeneratedCode_WithTheGeneratorsVersion()
    {
        GeneratorRun run = GeneratorHarness.Run(Network);
        string? informational = typeof(NetworkGenerator).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        Assert.False(string.IsNullOrEmpty(informational), "The generator assembly has no informational version.");
        string expectedVersion = informational!.Split('+')[0];

        var problems = new List<string>();
        foreach (INamedTypeSymbol network in new[] { "Demo.Net", "Demo.Regressor" }.Select(n => run.Output.GetTypeByMetadataName(n)!))
        {
            foreach (ISymbol member in GeneratedMembersOf(run, network))
            {
                if (member is IFieldSymbol { IsConst: false } || member is IFieldSymbol { DeclaredAccessibility: Accessibility.Private })
                {
                    continue; // Data, not code: instance and static fields, private constants.
                }

                AttributeData? attribute = member.GetAttributes()
                    .SingleOrDefault(a => a.AttributeClass?.ToDisplayString() == "System.CodeDom.Compiler.GeneratedCodeAttribute");
                if (attribute is null)
                {
                    problems.Add($"{member.ToDisplayString()}: no [GeneratedCode]");
                    continue;
                }

                string tool = (string)attribute.ConstructorArguments[0].Value!;
                string version = (string)attribute.ConstructorArguments[1].Value!;
                if (tool != "NetGen.Generators" || version != expectedVersion)
                {
                    problems.Add($"{member.ToDisplayString()}: [GeneratedCode(\"{tool}\", \"{version}\")], expected (\"NetGen.Generators\", \"{expectedVersion}\")");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.DoesNotContain("+", expectedVersion, StringComparison.Ordinal);
    }

    [Fact]
    public void UserDeclaration_DoesNotCarryGeneratedCode()
    {
        // On a partial class an attribute applies to the whole class: putting [GeneratedCode] on the generated
        // declaration would mark the user's own members as generated too (hidden from coverage and analyzers).
        GeneratorRun run = GeneratorHarness.Run(Network);
        INamedTypeSymbol network = run.Output.GetTypeByMetadataName("Demo.Net")!;

        Assert.DoesNotContain(network.GetAttributes(), a => a.AttributeClass?.Name == "GeneratedCodeAttribute");
        Assert.DoesNotContain(network.GetAttributes(), a => a.AttributeClass?.Name == "DebuggerNonUserCodeAttribute");
    }

    [Fact]
    public void PublicGeneratedMembers_AreDocumented()
    {
        CSharpParseOptions parseOptions = CompilationHelper.ParseOptions.WithDocumentationMode(DocumentationMode.Diagnose);
        GeneratorRun run = GeneratorHarness.Run(
            GeneratorHarness.CreateDriver(parseOptions: parseOptions), CompilationHelper.Create(parseOptions, Network));

        Diagnostic[] undocumented = run.OutputDiagnostics
            .Where(d => d.Id is "CS1591" or "CS1573" or "CS1574" or "CS1580" or "CS1584" or "CS1587")
            .ToArray();
        Assert.True(undocumented.Length == 0, "Documentation problems:\n" + DiagnosticAssert.Describe(undocumented, 40));
        // The check is live: an undocumented public class in the user's file is reported.
        Compilation undocumentedUser = CompilationHelper.Create(parseOptions, "public class Undocumented { }");
        Assert.Contains(undocumentedUser.GetDiagnostics(), d => d.Id == "CS1591");
    }

    [Fact]
    public void DebuggerAttributes_StayOffTheMembersUsersStepInto()
    {
        GeneratorRun run = GeneratorHarness.Run(Network);
        INamedTypeSymbol network = run.Output.GetTypeByMetadataName("Demo.Net")!;
        string[] nonUser = GeneratedMembersOf(run, network)
            .Where(m => m.GetAttributes().Any(a => a.AttributeClass?.Name == "DebuggerNonUserCodeAttribute"))
            .Select(m => m.Name)
            .ToArray();

        Assert.Contains("__Enter", nonUser);
        Assert.Contains("__EnsureWorkspace", nonUser);
        foreach (string stepped in new[] { "Forward", "ComputeGradients", "__ForwardCore", "__BackwardCore", ".ctor", "ApplyConstraints" })
        {
            Assert.DoesNotContain(stepped, nonUser);
        }

        string[] hidden = GeneratedMembersOf(run, network)
            .Where(m => m.GetAttributes().Any(a => a.AttributeClass?.Name == "DebuggerBrowsableAttribute"))
            .Select(m => m.Name)
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(new[] { "__activations", "__batchCapacity", "__deltasEven", "__deltasOdd", "__inUse", "__lastBatch", "__masks" }, hidden);
    }

    /// <summary>Networks for the GPU file: one with a kernel of every kind, one the GPU back end rejects (its
    /// constructor throws, a helper of its own).</summary>
    private const string GpuNetworks = """
        using NetGen;

        namespace Demo;

        /// <summary>A network with every GPU kernel kind.</summary>
        [Network(Loss = Loss.CrossEntropy)]
        [Input(1, 8, 8)]
        [Conv2D(2, 3, Activation.PReLU)]
        [MaxPool2D(2)]
        [Dropout(0.5)]
        [Dense(4, Activation.Tanh)]
        [Dense(3)]
        public partial class Net { }

        /// <summary>A network the GPU back end does not support (a penalty).</summary>
        [Network(Loss = Loss.MSE, L2 = 0.01)]
        [Input(4)]
        [Dense(2)]
        public partial class Penalized { }
        """;

    [Fact]
    public void GpuClass_AndItsMembers_CarryGeneratedCode()
    {
        GeneratorRun run = GeneratorHarness.RunWithGpu(GpuNetworks);
        var problems = new List<string>();
        int checkedMembers = 0;
        foreach (string name in new[] { "Demo.Net+Gpu", "Demo.Penalized+Gpu" })
        {
            INamedTypeSymbol gpu = run.Output.GetTypeByMetadataName(name) ?? throw new InvalidOperationException($"{name} was not generated.");
            foreach (ISymbol symbol in GeneratedMembersOf(run, gpu).Where(m => m is not IFieldSymbol).Prepend(gpu))
            {
                checkedMembers++;
                AttributeData? attribute = symbol.GetAttributes()
                    .SingleOrDefault(a => a.AttributeClass?.ToDisplayString() == "System.CodeDom.Compiler.GeneratedCodeAttribute");
                if (attribute is null)
                {
                    problems.Add($"{symbol.ToDisplayString()}: no [GeneratedCode]");
                }
                else if ((string?)attribute.ConstructorArguments[0].Value != EmittedAttributes.GeneratorName
                    || (string?)attribute.ConstructorArguments[1].Value != EmittedAttributes.GeneratorVersion)
                {
                    problems.Add($"{symbol.ToDisplayString()}: [GeneratedCode] with other arguments");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        // The walk saw the constructors, the kernels, the launch sequences and the unsupported network's helper.
        Assert.True(checkedMembers > 20, $"Only {checkedMembers} generated GPU members were checked.");
        INamedTypeSymbol penalized = run.Output.GetTypeByMetadataName("Demo.Penalized+Gpu")!;
        Assert.Contains(GeneratedMembersOf(run, penalized), m => m.Name == "__Unsupported");
    }

    [Fact]
    public void PublicGeneratedGpuMembers_AreDocumented()
    {
        CSharpParseOptions parseOptions = CompilationHelper.ParseOptions.WithDocumentationMode(DocumentationMode.Diagnose);
        GeneratorRun run = GeneratorHarness.Run(
            GeneratorHarness.CreateDriver(parseOptions: parseOptions),
            CompilationHelper.Create(parseOptions, GpuNetworks).WithReferences(CompilationHelper.GpuReferences));

        Assert.Contains(run.GeneratedSources, s => s.HintName == "Demo.Net.Gpu.g.cs");
        Diagnostic[] problems = run.OutputDiagnostics
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .ToArray();
        Assert.True(problems.Length == 0, "Documentation problems:\n" + DiagnosticAssert.Describe(problems, 40));
    }

    /// <summary>The members of <paramref name="type"/> declared in a generated file (implicit ones excluded).</summary>
    private static IEnumerable<ISymbol> GeneratedMembersOf(GeneratorRun run, INamedTypeSymbol type) =>
        type.GetMembers()
            .Where(m => !m.IsImplicitlyDeclared)
            .Where(m => m is not IMethodSymbol { AssociatedSymbol: not null }) // accessors: the property carries it
            .Where(m => m.DeclaringSyntaxReferences.Any(r => run.Result.GeneratedTrees.Contains(r.SyntaxTree)));
}
