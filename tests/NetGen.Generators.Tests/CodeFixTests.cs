using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using NetGen.CodeFixes;
using NetGen.Generators.Diagnostics;
using NetGen.Generators.Tests.Infrastructure;
using Xunit;

namespace NetGen.Generators.Tests;

/// <summary>
/// Each code fix applied to the diagnostic the generator really reports: the fixed text is what a user would type,
/// and the fixed sources generate with no NetGen diagnostic and compile with no warning or error.
/// </summary>
public sealed class CodeFixTests
{
    [Fact]
    public async Task MakePartial_NetworkClass()
    {
        string[] fixedSources = await CodeFixHarness.ApplyAsync(new MakePartialCodeFixProvider(), "NG0001", """
            using NetGen;

            namespace Demo;

            [Network(Loss = Loss.CrossEntropy)]
            [Input(4)]
            [Dense(3)]
            public sealed class Net { }
            """);

        Assert.Equal("""
            using NetGen;

            namespace Demo;

            [Network(Loss = Loss.CrossEntropy)]
            [Input(4)]
            [Dense(3)]
            public sealed partial class Net { }
            """, fixedSources[0]);
        GeneratorHarness.Run(fixedSources);
    }

    [Fact]
    public async Task MakePartial_ClassWithoutModifiers_AttributesOnTheSameLine()
    {
        string[] fixedSources = await CodeFixHarness.ApplyAsync(new MakePartialCodeFixProvider(), "NG0001", """
            using NetGen;

            [Network, Input(2), Dense(1)] class Net { }
            """);

        Assert.Equal("""
            using NetGen;

            [Network, Input(2), Dense(1)] partial class Net { }
            """, fixedSources[0]);
        GeneratorHarness.Run(fixedSources);
    }

    [Fact]
    public async Task MakePartial_EveryDeclaration_InEveryFile()
    {
        // One declaration says partial, the other does not (CS0260): the fix completes the one that lacks it.
        string[] fixedSources = await CodeFixHarness.ApplyAsync(new MakePartialCodeFixProvider(), "NG0001",
            """
            using NetGen;

            [Network]
            [Input(2)]
            [Dense(1)]
            public class Net { }
            """,
            """
            public partial class Net
            {
                public int Epochs { get; set; }
            }
            """);

        Assert.Contains("public partial class Net { }", fixedSources[0]);
        GeneratorHarness.Run(fixedSources);
    }

    [Fact]
    public async Task MakePartial_ContainingTypes()
    {
        string[] fixedSources = await CodeFixHarness.ApplyAsync(new MakePartialCodeFixProvider(), "NG0007", """
            using NetGen;

            namespace Demo;

            public static class Models
            {
                internal class Regression
                {
                    [Network(Loss = Loss.MSE)]
                    [Input(3)]
                    [Dense(1)]
                    public partial class Net { }
                }
            }
            """);

        Assert.Equal("""
            using NetGen;

            namespace Demo;

            public static partial class Models
            {
                internal partial class Regression
                {
                    [Network(Loss = Loss.MSE)]
                    [Input(3)]
                    [Dense(1)]
                    public partial class Net { }
                }
            }
            """, fixedSources[0]);
        GeneratorHarness.Run(fixedSources);
    }

    [Fact]
    public async Task RemoveStatic_FirstModifier()
    {
        string[] fixedSources = await CodeFixHarness.ApplyAsync(new RemoveStaticCodeFixProvider(), "NG0013", """
            using NetGen;

            [Network]
            [Input(2)]
            [Dense(1)]
            static partial class Net { }
            """);

        Assert.Equal("""
            using NetGen;

            [Network]
            [Input(2)]
            [Dense(1)]
            partial class Net { }
            """, fixedSources[0]);
        GeneratorHarness.Run(fixedSources);
    }

    [Fact]
    public async Task RemoveStatic_ThenMakePartial_FixesBoth()
    {
        const string Source = """
            using NetGen;

            [Network]
            [Input(2)]
            [Dense(1)]
            public static class Net { }
            """;
        string[] withoutStatic = await CodeFixHarness.ApplyAsync(new RemoveStaticCodeFixProvider(), "NG0013", Source);
        Assert.Contains("public class Net { }", withoutStatic[0]);
        string[] fixedSources = await CodeFixHarness.ApplyAsync(new MakePartialCodeFixProvider(), "NG0001", withoutStatic);

        Assert.Contains("public partial class Net { }", fixedSources[0]);
        GeneratorHarness.Run(fixedSources);
    }

    [Fact]
    public async Task MoveInputFirst_SeparateLists()
    {
        string[] fixedSources = await CodeFixHarness.ApplyAsync(new MoveInputFirstCodeFixProvider(), "NG0010", """
            using NetGen;

            namespace Demo;

            /// <summary>A network.</summary>
            [Network(Loss = Loss.MSE)]
            [Dense(8, Activation.Tanh)]
            [Dense(4)]
            [Input(3)]
            [Dense(2)]
            public partial class Net { }
            """);

        Assert.Equal("""
            using NetGen;

            namespace Demo;

            /// <summary>A network.</summary>
            [Network(Loss = Loss.MSE)]
            [Input(3)]
            [Dense(8, Activation.Tanh)]
            [Dense(4)]
            [Dense(2)]
            public partial class Net { }
            """, fixedSources[0]);
        GeneratorHarness.Run(fixedSources);
    }

    [Fact]
    public async Task MoveInputFirst_LayerStartsTheClass()
    {
        // No [Network] list above: the moved [Input] takes over the layer's leading trivia (the doc comment).
        string[] fixedSources = await CodeFixHarness.ApplyAsync(new MoveInputFirstCodeFixProvider(), "NG0010", """
            using NetGen;

            /// <summary>A network.</summary>
            [Dense(4)]
            [Network, Input(3)]
            public partial class Net { }
            """);

        Assert.Equal("""
            using NetGen;

            /// <summary>A network.</summary>
            [Input(3)]
            [Dense(4)]
            [Network]
            public partial class Net { }
            """, fixedSources[0]);
        GeneratorHarness.Run(fixedSources);
    }

    [Fact]
    public async Task MoveInputFirst_WithinOneList()
    {
        string[] fixedSources = await CodeFixHarness.ApplyAsync(new MoveInputFirstCodeFixProvider(), "NG0010", """
            using NetGen;

            [Network, Dense(4), Input(3), Dense(2)]
            public partial class Net { }
            """);

        Assert.Equal("""
            using NetGen;

            [Network, Input(3), Dense(4), Dense(2)]
            public partial class Net { }
            """, fixedSources[0]);
        GeneratorHarness.Run(fixedSources);
    }

    [Fact]
    public async Task MoveInputFirst_LayerInsideTheNetworkList()
    {
        string[] fixedSources = await CodeFixHarness.ApplyAsync(new MoveInputFirstCodeFixProvider(), "NG0010", """
            using NetGen;

            [Network, Dense(4)]
            [Input(3)]
            [Dense(2)]
            public partial class Net { }
            """);

        Assert.Equal("""
            using NetGen;

            [Network, Input(3), Dense(4)]
            [Dense(2)]
            public partial class Net { }
            """, fixedSources[0]);
        GeneratorHarness.Run(fixedSources);
    }

    [Fact]
    public async Task MoveInputFirst_NotOfferedForASecondInput()
    {
        IReadOnlyList<CodeAction> actions = await CodeFixHarness.OfferedAsync(new MoveInputFirstCodeFixProvider(), "NG0010", """
            using NetGen;

            [Network]
            [Input(3)]
            [Dense(4)]
            [Input(4)]
            [Dense(2)]
            public partial class Net { }
            """);

        Assert.Empty(actions);
    }

    [Fact]
    public async Task UseLogits_RemovesTheActivation()
    {
        string[] fixedSources = await CodeFixHarness.ApplyAsync(new UseLogitsCodeFixProvider(), "NG0005", """
            using NetGen;

            [Network(Loss = Loss.CrossEntropy)]
            [Input(4)]
            [Dense(8, Activation.ReLU)]
            [Dense(3, Activation.Sigmoid)]
            public partial class Net { }
            """);

        Assert.Equal("""
            using NetGen;

            [Network(Loss = Loss.CrossEntropy)]
            [Input(4)]
            [Dense(8, Activation.ReLU)]
            [Dense(3)]
            public partial class Net { }
            """, fixedSources[0]);
        GeneratorHarness.Run(fixedSources);
    }

    [Fact]
    public async Task UseLogits_RemovesTheActivationsOptions_NamedOrNot()
    {
        string[] fixedSources = await CodeFixHarness.ApplyAsync(new UseLogitsCodeFixProvider(), "NG0005", """
            using NetGen;

            [Network(Loss = Loss.CrossEntropy)]
            [Input(1, 6, 6)]
            [Conv2D(2, 3, activation: Activation.LeakyReLU, Slope = 0.2, Padding = 1)]
            public partial class Net { }
            """);

        Assert.Equal("""
            using NetGen;

            [Network(Loss = Loss.CrossEntropy)]
            [Input(1, 6, 6)]
            [Conv2D(2, 3, Padding = 1)]
            public partial class Net { }
            """, fixedSources[0]);
        GeneratorHarness.Run(fixedSources);
    }

    [Fact]
    public void FixedIds_MatchTheDescriptorsOfTheSameName()
    {
        Dictionary<string, string> descriptors = typeof(DiagnosticDescriptors)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .ToDictionary(f => f.Name, f => ((DiagnosticDescriptor)f.GetValue(null)!).Id);
        FieldInfo[] ids = typeof(DiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static);

        Assert.NotEmpty(ids);
        Assert.All(ids, f => Assert.Equal(descriptors[f.Name], (string)f.GetRawConstantValue()!));
    }
}
