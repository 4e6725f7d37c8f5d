using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Generators.Tests.Infrastructure;
using Xunit;

namespace NetGen.Generators.Tests;

/// <summary>
/// Valid networks in every place a class can be declared produce code that compiles without a warning: the
/// harness fails on any warning or error in the updated compilation and on any NetGen diagnostic.
/// </summary>
public sealed class GeneratedCodeCompilesTests
{
    public static TheoryData<string, string, string> Networks => new()
    {
        {
            "global namespace", "XorNet.Cpu.g.cs", """
            using NetGen;

            [Network]
            [Input(2)]
            [Dense(4, Activation.Tanh)]
            [Dense(1, Activation.Sigmoid)]
            public partial class XorNet { }
            """
        },
        {
            "record class", "Demo.RecordNet.Cpu.g.cs", """
            using NetGen;

            namespace Demo;

            [Network(Loss = Loss.CrossEntropy)]
            [Input(4)]
            [Dense(3)]
            public partial record RecordNet;
            """
        },
        {
            "explicit record class", "Demo.RecordClassNet.Cpu.g.cs", """
            using NetGen;

            namespace Demo;

            [Network]
            [Input(4)]
            [Dense(3)]
            public sealed partial record class RecordClassNet
            {
                public int Tag { get; init; }
            }
            """
        },
        {
            "nested", "Demo.Deep.Outer.Middle.Inner.Net.Cpu.g.cs", """
            using NetGen;

            namespace Demo.Deep
            {
                public partial class Outer
                {
                    internal partial record Middle
                    {
                        public partial struct Inner
                        {
                            [Network]
                            [Input(5)]
                            [Dense(2)]
                            private partial class Net { }
                        }
                    }
                }
            }
            """
        },
        {
            "nested in record struct and interface", "Demo.Shapes.IHost.Net.Cpu.g.cs", """
            using NetGen;

            namespace Demo;

            public partial record struct Shapes
            {
                public partial interface IHost
                {
                    [Network]
                    [Input(5)]
                    [Dense(2)]
                    public partial class Net { }
                }
            }
            """
        },
        {
            "nested in static class", "Demo.Models.Net.Cpu.g.cs", """
            using NetGen;

            namespace Demo;

            public static partial class Models
            {
                [Network]
                [Input(5)]
                [Dense(2)]
                public sealed partial class Net { }
            }
            """
        },
        {
            "no bias anywhere", "Demo.NoBias.Cpu.g.cs", """
            using NetGen;

            namespace Demo;

            [Network]
            [Input(6)]
            [Dense(5, Activation.ReLU, Bias = false)]
            [Dense(4, Bias = false)]
            public abstract partial class NoBias { }
            """
        },
        {
            "a member the user wrote", "Demo.WithMembers.Cpu.g.cs", """
            using System;
            using NetGen;

            namespace Demo;

            [Network]
            [Input(2)]
            [Dense(1)]
            public partial class WithMembers
            {
                public WithMembers() : this(seed: 1) { }

                public float Predict(float a, float b)
                {
                    Span<float> outputs = stackalloc float[OutputSize];
                    Forward(new[] { a, b }, outputs);
                    return outputs[0];
                }
            }
            """
        },
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void GeneratedCodeCompilesWithoutDiagnostics(string place, string hintName, string source)
    {
        GeneratorRun run = GeneratorHarness.Run(source);

        Assert.True(
            run.GeneratedSources.Select(s => s.HintName).SequenceEqual(new[] { hintName }),
            $"{place}: generated {string.Join(", ", run.GeneratedSources.Select(s => s.HintName))}");
    }

    /// <summary>
    /// With documentation checked (as under GenerateDocumentationFile), the generated comments raise nothing: every
    /// cref resolves and every public member is documented.
    /// </summary>
    [Fact]
    public void GeneratedDocumentationComments_RaiseNoWarningWhenDocumentationIsChecked()
    {
        CSharpParseOptions parseOptions = CompilationHelper.ParseOptions.WithDocumentationMode(DocumentationMode.Diagnose);
        CSharpCompilation compilation = CompilationHelper.Create(parseOptions, """
            using NetGen;

            namespace Demo;

            /// <summary>A classifier.</summary>
            [Network(Loss = Loss.CrossEntropy)] [Input(4)] [Dense(8, Activation.ReLU)] [Dense(3)]
            public partial class Classifier { }

            /// <summary>A regressor.</summary>
            [Network] [Input(4)] [Dense(2, Bias = false)]
            public partial class Regressor { }
            """);

        GeneratorHarness.AssertClean(GeneratorHarness.Run(GeneratorHarness.CreateDriver(parseOptions: parseOptions), compilation));
    }

    [Fact]
    public void SeveralNetworksInOneCompilationEachGetOneFile()
    {
        GeneratorRun run = GeneratorHarness.Run(
            """
            using NetGen;

            namespace A
            {
                [Network] [Input(2)] [Dense(1)] public partial class Net { }
            }

            namespace B
            {
                [Network] [Input(3)] [Dense(2)] public partial class Net { }
            }
            """,
            """
            using NetGen;

            [Network(Loss = Loss.CrossEntropy)] [Input(4)] [Dense(3)] public partial class Net { }
            """);

        Assert.Equal(
            new[] { "A.Net.Cpu.g.cs", "B.Net.Cpu.g.cs", "Net.Cpu.g.cs" },
            run.GeneratedSources.Select(s => s.HintName).OrderBy(h => h, StringComparer.Ordinal));
    }
}
