using NetGen.Generators.Tests.Infrastructure;
using Xunit;

namespace NetGen.Generators.Tests;

/// <summary>
/// Half-typed and contradictory definitions, as an IDE sees them on every keystroke: the generator never throws
/// (the harness asserts it for every run) and never leaves an error inside a file it generated.
/// </summary>
public sealed class BrokenDefinitionTests
{
    [Theory]
    [InlineData("[Network] [Input(2)] [Dense(\"wide\")] public partial class Net { }")]
    [InlineData("[Network] [Input(2)] [Dense(1, Bias = \"no\")] public partial class Net { }")]
    [InlineData("[Network] [Input(2)] [Dense(1, Activation.Nope)] public partial class Net { }")]
    [InlineData("[Network(Loss = Loss.Nope)] [Input(2)] [Dense(1)] public partial class Net { }")]
    [InlineData("[Network(Loss = (Loss)(-1))] [Input(2)] [Dense(1, (Activation)(-1))] public partial class Net { }")]
    [InlineData("[Network] [Input(2)] [Dense(units: )] public partial class Net { }")]
    [InlineData("[Network] [Input(2)] [Dense(1] public partial class Net { }")]
    [InlineData("[Network] [Input] [Dense] public partial class Net { }")]
    [InlineData("[Network, Network] [Input(2)] [Dense(1)] public partial class Net { }")]
    [InlineData("[Network] [Input(int.MaxValue)] [Dense(int.MaxValue)] [Dense(int.MaxValue)] public partial class Net { }")]
    [InlineData("[Network] [Input(2)] [Dense(-1)] [Dense(0)] public partial class Net { }")]
    [InlineData("[Network] [Dense(1)] public partial class Net { } [Input(2)] public partial class Net { }")]
    [InlineData("[Network] public partial class Net { } [Input(2)] partial class Net { } [Dense(1)] partial class Net { }")]
    [InlineData("[Network] [Input(2)] [Dense(1)] public partial class Net { } public class Net { }")]
    [InlineData("[Network] [Input(2)] [Dense(1)] public partial struct Net { }")]
    [InlineData("[Network] [Input(2)] [Dense(1)] public partial interface INet { }")]
    [InlineData("[Network] [Input(2)] [Dense(1)] public partial record struct Net;")]
    [InlineData("[Network] [Input(2)] [Dense(1)] public enum Net { }")]
    [InlineData("[Network] [Input(2)] [Dense(1)] public partial class { }")]
    public void BrokenDefinition_NeverThrowsNorBreaksGeneratedCode(string declaration)
    {
        GeneratorHarness.RunAllowingDiagnostics("using NetGen;\n\n" + declaration);
    }
}
