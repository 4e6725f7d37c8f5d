using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using NetGen.Optimizers;
using Xunit;

namespace NetGen.Tests.Optimizers;

/// <summary>
/// Reads <c>Fixtures/optimizers.json</c>, written by <c>tests/reference/optimizers.py</c> with PyTorch in float64:
/// the same starting parameters and gradient sequence for every case, each case's torch.optim options and the
/// parameters after every step, and the learning rates of a few schedules per epoch.
/// </summary>
public static class OptimizerReference
{
    private static readonly Lazy<JsonDocument> Document = new(Load);

    /// <summary>Maps NetGen's constructor parameter names to torch.optim's keyword names.</summary>
    private static readonly Dictionary<string, string> TorchNames = new()
    {
        ["learningRate"] = "lr",
        ["learningRateDecay"] = "lr_decay",
        ["weightDecay"] = "weight_decay",
        ["initialAccumulatorValue"] = "initial_accumulator_value",
        ["epsilon"] = "eps",
        ["rho"] = "rho",
        ["alpha"] = "alpha",
        ["momentum"] = "momentum",
        ["dampening"] = "dampening",
        ["nesterov"] = "nesterov",
        ["centered"] = "centered",
        ["amsGrad"] = "amsgrad",
        ["beta1"] = "betas",
        ["beta2"] = "betas",
    };

    public static JsonElement Root => Document.Value.RootElement;

    public static float[] Initial => ToFloats(Root.GetProperty("initial"));

    public static float[][] Gradients => Root.GetProperty("gradients").EnumerateArray().Select(ToFloats).ToArray();

    public static TheoryData<string> CaseNames => new(Names("cases"));

    public static TheoryData<string> ScheduleNames => new(Names("schedules"));

    public static JsonElement Case(string name) => Find("cases", name);

    public static JsonElement Schedule(string name) => Find("schedules", name);

    /// <summary>
    /// Builds the optimizer a case names with the case's torch options; an option the case leaves out takes NetGen's
    /// default, so a case with no options checks that NetGen's defaults are PyTorch's. Unknown options fail.
    /// </summary>
    public static IOptimizer Create(JsonElement testCase)
    {
        string typeName = testCase.GetProperty("optimizer").GetString()!;
        Type type = typeof(IOptimizer).Assembly.GetType("NetGen.Optimizers." + typeName)
            ?? throw new InvalidOperationException($"No optimizer named {typeName}.");
        JsonElement options = testCase.GetProperty("options");
        var used = new HashSet<string>();
        ConstructorInfo constructor = type.GetConstructors().Single();
        object?[] arguments = constructor.GetParameters().Select(parameter =>
        {
            string torchName = TorchNames[parameter.Name!];
            if (!options.TryGetProperty(torchName, out JsonElement value))
            {
                Assert.True(parameter.HasDefaultValue, $"{typeName}: the case must give '{torchName}'.");
                return parameter.DefaultValue;
            }

            used.Add(torchName);
            if (parameter.ParameterType == typeof(bool))
            {
                return value.GetBoolean();
            }

            if (torchName == "betas")
            {
                value = value[parameter.Name == "beta1" ? 0 : 1];
            }

            return (object)(float)value.GetDouble();
        }).ToArray();

        string[] unknown = options.EnumerateObject().Select(p => p.Name).Where(n => !used.Contains(n)).ToArray();
        Assert.True(unknown.Length == 0, $"{typeName} has no option {string.Join(", ", unknown)}.");
        return (IOptimizer)constructor.Invoke(arguments);
    }

    public static float[] ToFloats(JsonElement array) => array.EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();

    public static double[] ToDoubles(JsonElement array) => array.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    public static string[] Names(string section) =>
        Root.GetProperty(section).EnumerateArray().Select(item => item.GetProperty("name").GetString()!).ToArray();

    private static JsonElement Find(string section, string name) =>
        Root.GetProperty(section).EnumerateArray().Single(item => item.GetProperty("name").GetString() == name);

    private static JsonDocument Load()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "optimizers.json");
        var document = JsonDocument.Parse(File.ReadAllText(path));
        JsonElement root = document.RootElement;
        if (root.GetProperty("format").GetString() != "netgen-optimizer-reference" || root.GetProperty("version").GetInt32() != 1)
        {
            throw new InvalidDataException($"{path} is not version 1 of the optimizer reference; rerun tests/reference/optimizers.py.");
        }

        return document;
    }
}
