using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace NetGen.Tests.Kernels;

/// <summary>
/// Reads <c>Fixtures/activations_losses.json</c>, written by <c>tests/reference/activations_losses.py</c> with PyTorch
/// in float64 on float32-rounded inputs: activations (inputs, outputs, autograd derivatives), one softmax batch with its
/// backward, and loss cases (outputs, targets, mean loss, gradient). Non-finite numbers are stored as strings.
/// </summary>
public static class ActivationLossReference
{
    private static readonly Lazy<JsonDocument> Document = new(Load);

    public static JsonElement Root => Document.Value.RootElement;

    public static JsonElement Activation(string name) => Find("activations", name);

    public static JsonElement Loss(string name) => Find("losses", name);

    public static string[] Names(string section) =>
        Root.GetProperty(section).EnumerateArray().Select(item => item.GetProperty("name").GetString()!).ToArray();

    public static double Number(JsonElement value) => value.ValueKind == JsonValueKind.String
        ? double.Parse(value.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture) // "Infinity", "-Infinity", "NaN"
        : value.GetDouble();

    public static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(Number).ToArray();

    public static float[] Floats(JsonElement array) => array.EnumerateArray().Select(v => (float)Number(v)).ToArray();

    private static JsonElement Find(string section, string name) =>
        Root.GetProperty(section).EnumerateArray().Single(item => item.GetProperty("name").GetString() == name);

    private static JsonDocument Load()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "activations_losses.json");
        var document = JsonDocument.Parse(File.ReadAllText(path));
        JsonElement root = document.RootElement;
        if (root.GetProperty("format").GetString() != "netgen-activation-loss-reference" || root.GetProperty("version").GetInt32() != 1)
        {
            throw new InvalidDataException($"{path} is not version 1 of the activation and loss reference; rerun tests/reference/activations_losses.py.");
        }

        return document;
    }
}
