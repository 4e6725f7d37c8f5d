using System.Linq;
using Microsoft.CodeAnalysis;
using NetGen.Generators.Tests.Infrastructure;
using Xunit;

namespace NetGen.Generators.Tests;

/// <summary>
/// Declarations C# allows but the emitter must take care with: primary constructors, names that are keywords,
/// file-local classes. Each must end in compilable generated code or a NetGen diagnostic, never in errors inside a
/// generated file or an exception.
/// </summary>
public sealed class UnusualDeclarationTests
{
    /// <summary>
    /// A primary constructor (positional record or C# 12 class) collides with the generated constructors; the
    /// generator must either report it or generate code that compiles, never leave errors in its own file.
    /// </summary>
    [Theory]
    [InlineData("public partial record PositionalNet(int Tag);")]
    [InlineData("public partial class PrimaryConstructorNet(string name) { public string Name => name; }")]
    public void NetworkWithPrimaryConstructor_HasNoErrorInGeneratedFile(string declaration)
    {
        GeneratorHarness.RunAllowingDiagnostics($"""
            using NetGen;

            [Network]
            [Input(2)]
            [Dense(1)]
            {declaration}
            """);
    }

    /// <summary>
    /// Names written with '@' (C# keywords) must come out escaped in the generated declarations and must not reach
    /// the hint name, where '@' is an invalid character (AddSource throws).
    /// </summary>
    [Theory]
    [InlineData("[Network] [Input(2)] [Dense(1)] public partial class @event { }")]
    [InlineData("public partial class @record { [Network] [Input(2)] [Dense(1)] public partial class Net { } }")]
    [InlineData("namespace @namespace.@class { [Network] [Input(2)] [Dense(1)] public partial class Net { } }")]
    public void NetworkWithKeywordIdentifiers_HasNoErrorInGeneratedFile(string declaration)
    {
        GeneratorHarness.RunAllowingDiagnostics("using NetGen;\n\n" + declaration);
    }

    /// <summary>
    /// Found by GeneratorFuzzTests: a type named <c>var</c> in scope turned the generated <c>var random = ...</c> into
    /// a declaration of that type, and a method named <c>nameof</c> would capture the generated <c>nameof(inputs)</c>.
    /// The generated code names its types and argument names explicitly.
    /// </summary>
    [Theory]
    [InlineData("namespace Demo { public class var { } [Network] [Input(2)] [Dense(1, Activation.ReLU)] public partial class Net { } }")]
    [InlineData("[Network] [Input(2)] [Dense(1)] public partial class Net { public static string nameof(object value) => \"\"; }")]
    [InlineData("public partial class Outer { public class var { } [Network] [Input(2)] [Dense(1)] public partial class Net { } }")]
    public void NetworkBesideTypesOrMethodsNamedLikeContextualKeywords_CompilesClean(string declaration)
    {
        GeneratorHarness.Run("using NetGen;\n\n" + declaration);
    }

    /// <summary>
    /// A <c>file</c> class cannot be reopened from another file: the generated <c>partial class Net</c> silently
    /// declares a second, unrelated type. The network must either get its members or be reported.
    /// </summary>
    [Fact]
    public void FileLocalNetwork_GetsTheGeneratedMembersOrIsReported()
    {
        GeneratorRun run = GeneratorHarness.RunAllowingDiagnostics("""
            using NetGen;

            [Network] [Input(2)] [Dense(1)] file partial class Net { }
            """);

        INamedTypeSymbol userType = run.Output.GetSymbolsWithName("Net")
            .OfType<INamedTypeSymbol>()
            .Single(t => t.IsFileLocal);
        bool implemented = userType.AllInterfaces.Any(i => i.ToDisplayString() == "NetGen.INetwork");
        Assert.True(
            implemented || !run.GeneratorDiagnostics.IsEmpty,
            "The file-local network did not get INetwork and nothing was reported; generated: "
            + string.Join(", ", run.GeneratedSources.Select(s => s.HintName)));
    }
}
