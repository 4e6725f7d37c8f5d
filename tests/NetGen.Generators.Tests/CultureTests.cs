using System;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Generators.Tests.Infrastructure;
using Xunit;

namespace NetGen.Generators.Tests;

/// <summary>
/// The generator's output does not depend on the machine's culture. fi-FI writes the minus sign as U+2212 and the
/// decimal separator as a comma, so any culture-sensitive formatting shows up as a difference; lt-LT sorts strings
/// differently, so any culture-sensitive ordering does.
/// </summary>
public sealed class CultureTests
{
    private const string Network = """
        using NetGen;

        namespace Demo;

        [Network(Loss = Loss.CrossEntropy)]
        [Input(784)]
        [Dense(1234, Activation.ReLU)]
        [Dense(56, Activation.Tanh, Bias = false)]
        [Dense(10)]
        public partial class Wide { }
        """;

    [Fact]
    public void GeneratedText_IsByteIdenticalUnderFinnishCulture()
    {
        byte[] invariant = InCulture(CultureInfo.InvariantCulture, () => GeneratedBytes(Network));
        byte[] finnish = InCulture(Finnish(), () => GeneratedBytes(Network));

        Assert.Equal(invariant, finnish);
    }

    /// <summary>
    /// Parsing runs under the invariant culture too: the messages of the same diagnostics, formatted invariantly,
    /// do not depend on the culture the generator ran under (negative values are where fi-FI differs).
    /// </summary>
    [Fact]
    public void DiagnosticMessages_AreTheSameUnderFinnishCulture()
    {
        const string invalid = """
            using NetGen;

            [Network(Loss = (Loss)(-2))] [Input(-3)] [Dense(-4, (Activation)(-5))] public partial class Net { }
            """;

        string[] invariant = InCulture(CultureInfo.InvariantCulture, () => Messages(invalid));
        string[] finnish = InCulture(Finnish(), () => Messages(invalid));

        Assert.Equal(4, invariant.Length);
        Assert.Equal(invariant, finnish);
    }

    /// <summary>
    /// Which partial declaration comes "first" decides where NG0009 is reported. Lithuanian collation sorts "y"
    /// before "j", so ordering file paths with the culture's comparer moves the diagnostics.
    /// </summary>
    [Fact]
    public void PartialDeclarationOrder_DoesNotDependOnCulture()
    {
        CSharpCompilation compilation = CompilationHelper.Create(
            ("j.cs", "using NetGen; [Network] [Input(2)] [Dense(4)] public partial class Net { }"),
            ("y.cs", "using NetGen; [Dense(1)] public partial class Net { }"));

        string[] invariant = InCulture(CultureInfo.InvariantCulture, () => Reported(compilation));
        string[] lithuanian = InCulture(new CultureInfo("lt-LT"), () => Reported(compilation));

        Assert.Equal(new[] { "NG0009 y.cs Dense(1)" }, invariant);
        Assert.Equal(invariant, lithuanian);
    }

    private static string[] Reported(CSharpCompilation compilation) =>
        GeneratorHarness.Run(GeneratorHarness.CreateDriver(), compilation).GeneratorDiagnostics
            .Select(d => $"{d.Id} {d.Location.SourceTree?.FilePath} {DiagnosticAssert.SpanText(d)}")
            .OrderBy(r => r, StringComparer.Ordinal)
            .ToArray();

    private static CultureInfo Finnish()
    {
        var culture = new CultureInfo("fi-FI");
        Assert.Equal("\u2212", culture.NumberFormat.NegativeSign); // else this machine cannot run the check (no ICU)
        return culture;
    }

    private static byte[] GeneratedBytes(string source)
    {
        GeneratorRun run = GeneratorHarness.Run(source);
        var text = new StringBuilder();
        foreach (GeneratedSourceResult file in run.GeneratedSources.OrderBy(s => s.HintName, StringComparer.Ordinal))
        {
            text.Append(file.HintName).Append('\n').Append(file.SourceText.ToString());
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string[] Messages(string source) =>
        GeneratorHarness.RunAllowingDiagnostics(source).GeneratorDiagnostics
            .Select(d => $"{d.Id}: {d.GetMessage(CultureInfo.InvariantCulture)}")
            .ToArray();

    private static T InCulture<T>(CultureInfo culture, Func<T> action)
    {
        CultureInfo culture0 = CultureInfo.CurrentCulture;
        CultureInfo uiCulture0 = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            return action();
        }
        finally
        {
            CultureInfo.CurrentCulture = culture0;
            CultureInfo.CurrentUICulture = uiCulture0;
        }
    }
}
