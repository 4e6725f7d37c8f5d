using System;
using System.Collections.Generic;
using System.Linq;

namespace NetGen.Generators.Emitters;

/// <summary>
/// The members the emitters add to a network class, so that the parser can report a user's member of the same name
/// (NG0024) instead of leaving the compiler to report a duplicate inside a generated file. Every name starting with
/// two underscores is reserved as well. <see cref="GpuNames"/> are reserved only in a compilation that gets the GPU
/// file (<see cref="GpuSupport.IsEnabled"/>). Tests compare these lists with what <see cref="CpuEmitter"/> and
/// <see cref="GpuEmitter"/> write.
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

    /// <summary>
    /// What the GPU file adds to the network class (the nested class <c>Gpu</c>): any user member of that name clashes,
    /// a generic nested type of the name aside (types differ by arity). Reserved only when the GPU file is generated.
    /// </summary>
    public static readonly IReadOnlyCollection<string> GpuNames = new HashSet<string>(StringComparer.Ordinal)
    {
        GpuSupport.ClassName,
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

    /// <summary>Whether a member named <paramref name="name"/> is generated or reserved (method overloads aside), in a
    /// compilation without the GPU file.</summary>
    public static bool IsReservedName(string name) => IsReservedName(name, gpu: false);

    /// <summary>Whether a member named <paramref name="name"/> is generated or reserved (method overloads aside);
    /// <paramref name="gpu"/>: whether the GPU file is generated too.</summary>
    public static bool IsReservedName(string name, bool gpu) =>
        name.StartsWith(ReservedPrefix, StringComparison.Ordinal) || NonMethodNames.Contains(name) || Methods.Any(m => m.Name == name)
        || (gpu && GpuNames.Contains(name));
}
