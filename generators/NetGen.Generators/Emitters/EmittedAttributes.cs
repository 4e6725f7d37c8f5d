using System.Reflection;

namespace NetGen.Generators.Emitters;

/// <summary>
/// The attributes every emitter puts on the members it writes. <see cref="GeneratedCode"/> goes on each generated
/// member that holds code (never on the user's class itself: on a partial class it would mark the user's members
/// too), so that analyzers and coverage tools skip it. <see cref="NonUserCode"/> is only for plumbing a user never
/// needs to step into, <see cref="NotBrowsable"/> only for scratch buffers.
/// </summary>
public static class EmittedAttributes
{
    /// <summary>The tool name in <c>[GeneratedCode]</c>.</summary>
    public const string GeneratorName = "NetGen.Generators";

    /// <summary>Steps over the member in the debugger (Just My Code).</summary>
    public const string NonUserCode = "[global::System.Diagnostics.DebuggerNonUserCode]";

    /// <summary>Hides a field from the debugger's variable windows.</summary>
    public const string NotBrowsable =
        "[global::System.Diagnostics.DebuggerBrowsable(global::System.Diagnostics.DebuggerBrowsableState.Never)]";

    /// <summary>The tool version in <c>[GeneratedCode]</c>: the generator's informational version without the
    /// source revision the SDK appends after '+', so the text does not change with every commit.</summary>
    public static string GeneratorVersion { get; } = ReadVersion();

    /// <summary><c>[GeneratedCode("NetGen.Generators", version)]</c>, fully qualified.</summary>
    // After GeneratorVersion: static initializers run in text order.
    public static string GeneratedCode { get; } =
        $"[global::System.CodeDom.Compiler.GeneratedCode(\"{GeneratorName}\", \"{GeneratorVersion}\")]";

    private static string ReadVersion()
    {
        Assembly assembly = typeof(EmittedAttributes).Assembly;
        string? version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (version is null || version.Length == 0)
        {
            return assembly.GetName().Version?.ToString() ?? "0.0.0";
        }

        int plus = version.IndexOf('+');
        return plus < 0 ? version : version.Substring(0, plus);
    }
}
