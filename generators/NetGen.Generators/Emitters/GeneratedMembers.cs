using System;
using System.Collections.Generic;
using System.Linq;

namespace NetGen.Generators.Emitters;

/// <summary>
/// The members the emitters add to a network class, so that the parser can report a user's member of the same name
/// (NG0024) instead of leaving the compiler to report a duplicate inside a generated file. Every name starting with
/// two underscores is reserved as well. A test compares this list with what <see cref="CpuEmitter"/> writes.
/// </summary>
public static class GeneratedMembers
{
    /// <summary>The prefix of every private helper the emitters write; names beginning with it are reserved.</summary>
    public const string ReservedPrefix = "__";

    /// <summary>Constants, properties and nested types: any user member with one of these names clashes.</summary>
    public static readonly IReadOnlyCollection<string> NonMethodNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "InputSize", "OutputSize", "ParameterCount", "Parameters", "Gradients", "ParameterTensors", "Layers", "LastOutputs",
        "NonFiniteCheck",
    };

    /// <summary>Public methods with their parameter types as C# displays them; a user method clashes only with the same signature.</summary>
    public static readonly IReadOnlyList<(string Name, string[] Parameters)> Methods =
    [
        ("Forward", ["System.ReadOnlySpan<float>", "System.Span<float>"]),
        ("ComputeGradients", ["System.ReadOnlySpan<float>", "System.ReadOnlySpan<float>"]),
        ("ComputeGradients", ["System.ReadOnlySpan<float>", "System.ReadOnlySpan<int>"]),
        ("ApplyConstraints", []),
        ("CreatePredictor", []),
    ];

    /// <summary>The parameter types of the generated constructors.</summary>
    public static readonly IReadOnlyList<string[]> Constructors =
    [
        ["int"],
        ["System.ReadOnlySpan<float>"],
    ];

    /// <summary>Whether a member named <paramref name="name"/> is generated or reserved (method overloads aside).</summary>
    public static bool IsReservedName(string name) =>
        name.StartsWith(ReservedPrefix, StringComparison.Ordinal) || NonMethodNames.Contains(name) || Methods.Any(m => m.Name == name);
}
