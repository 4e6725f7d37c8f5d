using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generators.Emitters;
using NetGen.Generators.Tests.Infrastructure;
using Xunit;

namespace NetGen.Generators.Tests;

/// <summary>
/// <see cref="GeneratedMembers"/> is what the parser checks user members against (NG0024); it must name every member
/// the emitter writes into a network class, or a user member of a forgotten name would break the generated file again.
/// </summary>
public sealed class GeneratedMembersTests
{
    [Fact]
    public void EveryGeneratedMember_IsListed()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using NetGen;

            namespace Demo;

            [Network(Loss = Loss.CrossEntropy, L2 = 0.01)]
            [Input(1, 8, 8)]
            [Conv2D(2, 3, Activation.PReLU, SlopePerUnit = true, MaxNorm = 3)]
            [MaxPool2D(2)]
            [Dropout(0.5)]
            [Dense(3)]
            public partial class Net { }
            """);

        SyntaxTree tree = CSharpSyntaxTree.ParseText(run.Source("Demo.Net.Cpu.g.cs"));
        ClassDeclarationSyntax network = tree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>().First(c => c.Identifier.Text == "Net");
        string[] unlisted = network.Members
            .Where(m => m is not ConstructorDeclarationSyntax)
            .Where(m => ExplicitInterface(m) is null)
            .Select(Name)
            .Where(name => !GeneratedMembers.IsReservedName(name))
            .ToArray();

        Assert.True(unlisted.Length == 0, "Generated but not in GeneratedMembers: " + string.Join(", ", unlisted));
        string[] methods = network.Members.OfType<MethodDeclarationSyntax>()
            .Where(m => m.ExplicitInterfaceSpecifier is null && !m.Identifier.Text.StartsWith(GeneratedMembers.ReservedPrefix, System.StringComparison.Ordinal))
            .Select(m => m.Identifier.Text)
            .ToArray();
        Assert.All(methods, m => Assert.Contains(GeneratedMembers.Methods, g => g.Name == m));
    }

    [Fact]
    public void TheGpuFile_AddsExactlyTheGpuNames()
    {
        GeneratorRun run = GeneratorHarness.RunWithGpu("""
            using NetGen;

            namespace Demo;

            [Network(Loss = Loss.CrossEntropy)]
            [Input(1, 8, 8)]
            [Conv2D(2, 3, Activation.PReLU)]
            [MaxPool2D(2)]
            [Dropout(0.5)]
            [Dense(3)]
            public partial class Net { }
            """);

        SyntaxTree tree = CSharpSyntaxTree.ParseText(run.Source("Demo.Net.Gpu.g.cs"));
        ClassDeclarationSyntax network = tree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>().First(c => c.Identifier.Text == "Net");

        Assert.Equal(GeneratedMembers.GpuNames.OrderBy(n => n, System.StringComparer.Ordinal), network.Members.Select(Name).OrderBy(n => n, System.StringComparer.Ordinal));
        Assert.DoesNotContain(GeneratedMembers.GpuNames, GeneratedMembers.IsReservedName);
        Assert.All(GeneratedMembers.GpuNames, n => Assert.True(GeneratedMembers.IsReservedName(n, gpu: true)));
    }

    private static ExplicitInterfaceSpecifierSyntax? ExplicitInterface(MemberDeclarationSyntax member) => member switch
    {
        MethodDeclarationSyntax m => m.ExplicitInterfaceSpecifier,
        PropertyDeclarationSyntax p => p.ExplicitInterfaceSpecifier,
        _ => null,
    };

    private static string Name(MemberDeclarationSyntax member) => member switch
    {
        MethodDeclarationSyntax m => m.Identifier.Text,
        PropertyDeclarationSyntax p => p.Identifier.Text,
        FieldDeclarationSyntax f => f.Declaration.Variables[0].Identifier.Text,
        BaseTypeDeclarationSyntax t => t.Identifier.Text,
        _ => member.ToString(),
    };
}
