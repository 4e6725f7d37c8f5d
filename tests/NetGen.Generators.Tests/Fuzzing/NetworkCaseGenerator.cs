using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace NetGen.Generators.Tests.Fuzzing;

/// <summary>
/// Writes one random C# file declaring one or more <c>[Network]</c> classes, deterministically from a seed: mostly
/// plausible networks (small sizes, every layer kind, activation and option), mixed with nonsense an IDE sees while
/// someone types (negative and overflowing sizes, missing or ill-typed arguments, out-of-range enum casts, duplicate
/// attributes, structs, records, interfaces, nested, generic, static and file-local types, base classes, primary
/// constructors, members named like generated ones, duplicated type names, layers spread over partial declarations).
/// </summary>
internal sealed class NetworkCaseGenerator
{
    private static readonly string[] s_activations =
    [
        "Identity", "Sigmoid", "Tanh", "ReLU", "BinaryStep", "ArcTan", "LeakyReLU", "ELU", "SoftPlus", "Softmax", "PReLU",
    ];

    private static readonly string[] s_losses = ["MSE", "CrossEntropy", "L1", "BCE", "BCEWithLogits", "Perceptron"];

    private static readonly string[] s_nastyInts =
    [
        "0", "-1", "-7", "int.MaxValue", "int.MinValue", "65536", "46341", "1 << 30", "100000", "2147483647", "3000",
        "\"3\"", "3.5", "null", "true", "(int)2.9", "unchecked((int)4294967295)", "'A'", "(short)5", "5u",
    ];

    private static readonly string[] s_nastyDoubles =
    [
        "0", "1", "-0.1", "-1", "double.NaN", "double.PositiveInfinity", "double.NegativeInfinity", "1e-45", "1e300",
        "0.9999999999", "double.Epsilon", "-0.0", "\"x\"", "2", "float.MaxValue", "1e-300", "0.99999997", "3.4028235e38",
        "double.MaxValue", "null", "5f", "1.0m",
    ];

    private static readonly string[] s_names =
    [
        "Net", "Mlp", "Classifier", "@class", "@record", "Café", "N\u00e9t2", "Forward", "InputSize", "Parameters",
        "__Layout", "Gradients", "Loss", "NetworkAttribute", "INetwork", "Span", "NonFiniteCheck", "CreatePredictor",
        "LayerInfo", "System", "global", "var", "async", "dynamic", "_",
    ];

    private readonly Random _random;
    private readonly StringBuilder _text = new();
    private int _depth;

    public NetworkCaseGenerator(int seed, int index) => _random = new Random(unchecked(seed * 7919 + index * 104729));

    /// <summary>The whole file.</summary>
    public string Create()
    {
        Line("using NetGen;");
        if (Chance(0.3))
        {
            Line("using System;");
        }

        Line();
        string? fileScoped = Chance(0.25) ? Pick("Demo.Nets", "Fuzz", "@class", "NetGen.User", "System.Fuzz") : null;
        string? block = fileScoped is null && Chance(0.45) ? Pick("Demo", "A.B.C", "@namespace", "NetGen", "System", "Global") : null;
        if (fileScoped is not null)
        {
            Line($"namespace {fileScoped};");
            Line();
        }

        if (block is not null)
        {
            Open($"namespace {block}");
        }

        WriteHelpers();
        int networks = Chance(0.12) ? 2 + _random.Next(2) : 1;
        string firstName = NetworkName();
        for (int n = 0; n < networks; n++)
        {
            // A second network may reuse the first one's name: a duplicate type (invalid C#) or another container.
            string name = n > 0 && Chance(0.5) ? firstName : n == 0 ? firstName : NetworkName() + n.ToString(CultureInfo.InvariantCulture);
            WriteNetwork(name);
        }

        if (Chance(0.05))
        {
            // Layer attributes on a class without [Network] (the analyzer's business, never the generator's).
            Line("[Input(4)] [Dense(2)] public partial class Stray { }");
        }

        while (_depth > 0)
        {
            Close();
        }

        return _text.ToString();
    }

    private void WriteHelpers()
    {
        if (Chance(0.5))
        {
            return;
        }

        Line("public class PlainBase { }");
        Line("public class BaseWithArgument { public BaseWithArgument(int x) { } }");
        Line("public abstract class AbstractBase { public abstract void Run(); }");
        Line("public class BaseWithForward { public void Forward(System.ReadOnlySpan<float> a, System.Span<float> b) { } public int InputSize => 1; }");
        Line("public sealed class SealedBase { }");
        Line("[Network] [Input(3)] [Dense(2)] public partial class BaseNetwork { }");
    }

    private void WriteNetwork(string name)
    {
        int containers = Chance(0.7) ? 0 : Chance(0.65) ? 1 : 2;
        for (int c = 0; c < containers; c++)
        {
            string keyword = Pick("class", "class", "struct", "record", "record struct", "interface", "static class", "record class");
            string partial = Chance(0.88) ? "partial " : "";
            string generic = Chance(0.08) ? "<T>" : "";
            string containerName = Pick("Outer", "Inner", "@record", "Holder", "Outer") + (c == 1 ? "2" : "");
            string prefix = keyword.StartsWith("static", StringComparison.Ordinal) ? "static " + partial + "class" : partial + keyword;
            if (keyword == "static class")
            {
                prefix = "static " + partial + "class";
            }

            Open($"{Pick("public ", "internal ", "")}{prefix} {containerName}{generic}");
        }

        bool split = Chance(0.1);
        var attributes = new List<string>();
        int networkAttributes = Chance(0.93) ? 1 : Chance(0.6) ? 2 : 0;
        for (int i = 0; i < networkAttributes; i++)
        {
            attributes.Add(NetworkAttribute());
        }

        if (!Chance(0.04))
        {
            attributes.Add(InputAttribute());
        }

        if (Chance(0.03))
        {
            attributes.Add(InputAttribute());
        }

        bool image = attributes.Any(a => a.Contains("Input(", StringComparison.Ordinal) && a.Count(ch => ch == ',') >= 2);
        int layers = Chance(0.04) ? 0 : 1 + _random.Next(Chance(0.2) ? 9 : 5);
        for (int i = 0; i < layers; i++)
        {
            string layer = LayerAttribute(image, out bool flattens);
            image &= !flattens;
            attributes.Insert(Chance(0.04) ? _random.Next(attributes.Count + 1) : attributes.Count, layer);
        }

        string declaration = DeclarationHead(name, containers > 0);
        if (split && attributes.Count > 1)
        {
            int cut = 1 + _random.Next(attributes.Count - 1);
            WriteAttributes(attributes.Take(cut).ToList());
            Line(declaration + " { }");
            WriteAttributes(attributes.Skip(cut).ToList());
            Line(PartialHead(declaration) + " { }");
        }
        else
        {
            WriteAttributes(attributes);
            Line(declaration + Body(name));
        }

        for (int c = 0; c < containers; c++)
        {
            Close();
        }
    }

    private static string PartialHead(string declaration)
    {
        // Same type again, without modifiers that may appear on one part only.
        int colon = declaration.IndexOf(" :", StringComparison.Ordinal);
        return colon < 0 ? declaration : declaration[..colon];
    }

    private string DeclarationHead(string name, bool nested)
    {
        var modifiers = new List<string>();
        string access = nested ? Pick("public", "internal", "private", "protected", "") : Pick("public", "internal", "", "public");
        if (access.Length > 0)
        {
            modifiers.Add(access);
        }

        if (!nested && Chance(0.03))
        {
            modifiers.Add("file");
        }

        if (Chance(0.03))
        {
            modifiers.Add("static");
        }
        else if (Chance(0.04))
        {
            modifiers.Add("abstract");
        }
        else if (Chance(0.05))
        {
            modifiers.Add("sealed");
        }

        if (Chance(0.02))
        {
            modifiers.Add("unsafe");
        }

        if (Chance(0.9))
        {
            modifiers.Add("partial");
        }

        string keyword = Roll() switch
        {
            < 0.80 => "class",
            < 0.86 => "record",
            < 0.89 => "record class",
            < 0.92 => "struct",
            < 0.94 => "record struct",
            < 0.96 => "interface",
            < 0.97 => "enum",
            _ => "class",
        };
        if (keyword == "enum")
        {
            modifiers.Remove("partial");
            modifiers.Remove("static");
            modifiers.Remove("abstract");
            modifiers.Remove("sealed");
            modifiers.Remove("unsafe");
        }

        string generic = Chance(0.05) ? Pick("<T>", "<T, U>", "<T> where T : class") : "";
        string constraint = "";
        if (generic.Contains("where", StringComparison.Ordinal))
        {
            constraint = generic[generic.IndexOf(" where", StringComparison.Ordinal)..];
            generic = generic[..generic.IndexOf(" where", StringComparison.Ordinal)];
        }

        string primary = keyword != "enum" && Chance(0.03) ? "(int Size)" : "";
        string bases = keyword is "class" or "record" or "record class" && Chance(0.12)
            ? " : " + Pick("PlainBase", "BaseWithArgument", "AbstractBase", "BaseWithForward", "SealedBase", "BaseNetwork",
                "NetGen.INetwork", "System.IDisposable", "object", "System.Exception")
            : "";
        return $"{string.Join(" ", modifiers)} {keyword} {name}{generic}{primary}{bases}{constraint}".Trim();
    }

    private string Body(string name)
    {
        if (!Chance(0.15))
        {
            return " { }";
        }

        string plain = name.StartsWith('@') ? name[1..] : name;
        string member = Pick(
            "public int Unrelated;",
            "public void Forward(float[] inputs) { }",
            "public int InputSize => 3;",
            "public void Forward(System.ReadOnlySpan<float> inputs, System.Span<float> outputs) { }",
            "private float[] __parameters = new float[1];",
            $"public {plain}(int seed) {{ }}",
            $"public {plain}() {{ }}",
            "public static void Helper() { }",
            "private sealed class __Layout { }",
            "public float[] Parameters = new float[1];",
            "public void Dispose() { }",
            "public bool NonFiniteCheck;",
            "public object CreatePredictor() => new object();",
            "public void ApplyConstraints(int rows) { }",
            "public void ApplyConstraints() { }",
            "float NetGen.INetwork.ComputeGradients(System.ReadOnlySpan<float> a, System.ReadOnlySpan<float> b) => 0;",
            "public override string ToString() => \"net\";",
            "public int Forward;",
            "public event System.Action? Gradients;",
            "public void Run() { }");
        return " { " + member + " }";
    }

    private void WriteAttributes(List<string> attributes)
    {
        int i = 0;
        while (i < attributes.Count)
        {
            int take = Chance(0.2) ? Math.Min(1 + _random.Next(3), attributes.Count - i) : 1;
            string target = Chance(0.03) ? "type: " : "";
            Line("[" + target + string.Join(", ", attributes.Skip(i).Take(take)) + "]");
            i += take;
        }
    }

    private string NetworkAttribute()
    {
        var named = new List<string>();
        if (Chance(0.6))
        {
            named.Add("Loss = " + Loss());
        }

        if (Chance(0.15))
        {
            named.Add("L1 = " + Double(small: true));
        }

        if (Chance(0.15))
        {
            named.Add("L2 = " + Double(small: true));
        }

        if (Chance(0.02))
        {
            named.Add("Unknown = 1");
        }

        if (Chance(0.02) && named.Count > 0)
        {
            named.Add(named[0]);
        }

        return AttributeName("Network") + (named.Count == 0 && Chance(0.6) ? "" : "(" + string.Join(", ", named) + ")");
    }

    private string InputAttribute()
    {
        int arity = Roll() switch
        {
            < 0.55 => 1,
            < 0.95 => 3,
            < 0.97 => 0,
            < 0.99 => 2,
            _ => 4,
        };
        var arguments = new List<string>();
        for (int i = 0; i < arity; i++)
        {
            arguments.Add(Int(arity == 3 ? (i == 0 ? 3 : 12) : 12));
        }

        if (arity == 1 && Chance(0.05))
        {
            arguments[0] = "size: " + arguments[0];
        }

        return AttributeName("Input") + (arity == 0 && Chance(0.5) ? "" : "(" + string.Join(", ", arguments) + ")");
    }

    private string LayerAttribute(bool image, out bool flattens)
    {
        flattens = false;
        double roll = Roll();
        string kind = image
            ? roll switch { < 0.3 => "Conv2D", < 0.45 => "MaxPool2D", < 0.6 => "AvgPool2D", < 0.7 => "Dropout", _ => "Dense" }
            : roll switch { < 0.75 => "Dense", < 0.85 => "Dropout", < 0.9 => "Conv2D", < 0.95 => "MaxPool2D", _ => "AvgPool2D" };
        var arguments = new List<string>();
        var named = new List<string>();
        switch (kind)
        {
            case "Dense":
                flattens = true;
                arguments.Add(Int(10));
                if (Chance(0.6))
                {
                    arguments.Add(Activation());
                }

                ActivationOptions(named);
                break;
            case "Conv2D":
                arguments.Add(Int(4));
                arguments.Add(Int(3));
                if (Chance(0.5))
                {
                    arguments.Add(Activation());
                }

                if (Chance(0.3))
                {
                    named.Add("Stride = " + Int(3));
                }

                if (Chance(0.3))
                {
                    named.Add("Padding = " + (Chance(0.7) ? _random.Next(3).ToString(CultureInfo.InvariantCulture) : Int(2)));
                }

                ActivationOptions(named);
                break;
            case "MaxPool2D":
            case "AvgPool2D":
                arguments.Add(Int(3));
                if (Chance(0.3))
                {
                    named.Add("Stride = " + (Chance(0.3) ? "0" : Int(3)));
                }

                break;
            default:
                arguments.Add(Chance(0.8) ? Pick("0.5", "0.25", "0", "0.1", "0.9") : Double(small: false));
                break;
        }

        if (Chance(0.03) && arguments.Count > 0)
        {
            arguments.RemoveAt(arguments.Count - 1); // a missing argument
        }

        if (Chance(0.02))
        {
            arguments.Add(Int(3)); // one too many
        }

        if (Chance(0.02))
        {
            named.Add("Bogus = 2");
        }

        if (Chance(0.02) && named.Count > 0)
        {
            named.Add(named[^1]); // the same named argument twice
        }

        if (Chance(0.02))
        {
            // Arguments by name, in another order.
            string[] parameterNames = kind switch
            {
                "Dense" => ["units", "activation"],
                "Conv2D" => ["filters", "kernel", "activation"],
                "Dropout" => ["p"],
                _ => ["size"],
            };
            for (int i = 0; i < arguments.Count && i < parameterNames.Length; i++)
            {
                arguments[i] = parameterNames[i] + ": " + arguments[i];
            }

            arguments.Reverse();
        }

        string list = string.Join(", ", arguments.Concat(named));
        return AttributeName(kind) + (list.Length == 0 && Chance(0.5) ? "" : "(" + list + ")");
    }

    private void ActivationOptions(List<string> named)
    {
        if (Chance(0.2))
        {
            named.Add("Bias = " + Pick("false", "true", "false"));
        }

        foreach (string option in new[] { "Slope", "Alpha", "Beta" })
        {
            if (Chance(0.08))
            {
                named.Add(option + " = " + Double(small: true));
            }
        }

        if (Chance(0.1))
        {
            named.Add("SlopePerUnit = " + Pick("true", "false"));
        }

        foreach (string option in new[] { "L1", "L2", "MaxNorm" })
        {
            if (Chance(0.06))
            {
                named.Add(option + " = " + Double(small: true));
            }
        }
    }

    private string AttributeName(string name) => Roll() switch
    {
        < 0.9 => name,
        < 0.94 => "NetGen." + name,
        < 0.97 => name + "Attribute",
        _ => "global::NetGen." + name + "Attribute",
    };

    private string Activation() => Roll() switch
    {
        < 0.85 => "Activation." + Pick(s_activations),
        < 0.92 => "(Activation)" + Pick("-1", "11", "42", "int.MaxValue", "(-5)", "3", "10"),
        < 0.95 => "0",
        < 0.97 => "Activation.Nope",
        < 0.99 => "3",
        _ => "Loss.MSE",
    };

    private string Loss() => Roll() switch
    {
        < 0.88 => "Loss." + Pick(s_losses),
        < 0.95 => "(Loss)" + Pick("-1", "6", "99", "int.MinValue", "2"),
        < 0.97 => "Loss.Nope",
        < 0.99 => "0",
        _ => "1",
    };

    private string Int(int typical) => Chance(0.85)
        ? (1 + _random.Next(typical)).ToString(CultureInfo.InvariantCulture)
        : Pick(s_nastyInts);

    private string Double(bool small) => Chance(0.7)
        ? (small ? _random.NextDouble() * 0.5 : _random.NextDouble()).ToString("R", CultureInfo.InvariantCulture)
        : Pick(s_nastyDoubles);

    private string NetworkName() => Chance(0.7) ? "Net" : Pick(s_names);

    private bool Chance(double p) => _random.NextDouble() < p;

    private double Roll() => _random.NextDouble();

    private T Pick<T>(params T[] values) => values[_random.Next(values.Length)];

    private void Line(string text = "") => _text.Append(' ', _depth * 4).Append(text).Append('\n');

    private void Open(string text)
    {
        Line(text);
        Line("{");
        _depth++;
    }

    private void Close()
    {
        _depth--;
        Line("}");
    }
}
