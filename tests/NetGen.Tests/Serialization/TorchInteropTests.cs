using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using NetGen.Optimizers;
using NetGen.Serialization;
using Xunit;

namespace NetGen.Tests.Serialization;

/// <summary>The network of <c>tests/reference/safetensors_fixture.py</c>: <c>nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 2))</c>.</summary>
[Network(Loss = Loss.MSE)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(2)]
public partial class TorchSequential { }

/// <summary>
/// A safetensors file written by hand from a PyTorch model's state_dict (<c>tests/reference/safetensors_fixture.py</c>)
/// loads into the equivalent NetGen network, which then reproduces the model's outputs. No name map is needed:
/// NetGen names its tensors as the equivalent <c>nn.Sequential</c> does, the Tanh module counted, so the Linear layers
/// are <c>0</c> and <c>2</c> on both sides.
/// </summary>
/// <remarks>
/// With the environment variable <c>NETGEN_INTEROP_DIR</c> set to a directory, the checkpoint NetGen writes here is
/// copied there, for the manual reverse check <c>/usr/bin/python3 tests/reference/safetensors_fixture.py --check FILE</c>.
/// </remarks>
public class TorchInteropTests
{
    private static string FixturePath => Path.Combine(AppContext.BaseDirectory, "Fixtures", "torch_sequential.safetensors");

    [Fact]
    public void TorchFile_LoadsAsItIs_AndReproducesTorchOutputs()
    {
        using JsonDocument reference = ReadReference();
        var network = new TorchSequential(1);
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], network.ParameterTensors.Select(t => t.Name));
        CheckpointInfo info = Checkpoint.Load(FixturePath, network);

        Assert.Null(info.Epoch);
        Assert.Equal("tests/reference/safetensors_fixture.py", info.Metadata["source"]);
        JsonElement inputs = reference.RootElement.GetProperty("inputs");
        JsonElement outputs = reference.RootElement.GetProperty("outputs");
        Assert.Equal(2, inputs.GetArrayLength());
        for (int sample = 0; sample < inputs.GetArrayLength(); sample++)
        {
            float[] input = Floats(inputs[sample]);
            var output = new float[TorchSequential.OutputSize];
            network.Forward(input, output);
            JsonElement expected = outputs[sample];
            for (int j = 0; j < output.Length; j++)
            {
                Assert.Equal(expected[j].GetDouble(), output[j], 1e-6);
            }
        }
    }

    [Fact]
    public void TorchFile_TensorsMatchTheScriptsRecord_BitForBit()
    {
        using JsonDocument reference = ReadReference();
        IReadOnlyDictionary<string, CheckpointTensor> tensors = Checkpoint.ReadTensors(FixturePath);
        var names = new List<string>();
        foreach (JsonElement tensor in reference.RootElement.GetProperty("tensors").EnumerateArray())
        {
            string name = tensor.GetProperty("name").GetString()!;
            names.Add(name);
            CheckpointTensor read = tensors[name];
            Assert.Equal("F32", read.DType);
            Assert.Equal(Ints(tensor.GetProperty("shape")), read.Shape);
            Assert.Equal(Floats(tensor.GetProperty("values")), read.Values); // float64 text of float32 values: exact
        }

        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], names);
        Assert.Equal(names, tensors.Keys);
        Assert.Equal("pt", Checkpoint.ReadMetadata(FixturePath)["format"]);
    }

    [Fact]
    public void NetGenFile_HoldsTheSameTensorsAsTheTorchFile()
    {
        using var directory = new TemporaryDirectory();
        var network = new TorchSequential(1);
        Checkpoint.Load(FixturePath, network);

        string path = directory.File("netgen_torch_sequential.safetensors");
        Checkpoint.Save(path, network, new Adam(), new CheckpointInfo { Epoch = 1 });
        KeepForManualCheck(path);

        IReadOnlyDictionary<string, CheckpointTensor> expected = Checkpoint.ReadTensors(FixturePath);
        IReadOnlyDictionary<string, CheckpointTensor> written = Checkpoint.ReadTensors(path);
        Assert.Equal([.. expected.Keys, Checkpoint.OptimizerStateTensor], written.Keys);
        foreach (KeyValuePair<string, CheckpointTensor> tensor in expected)
        {
            Assert.Equal(tensor.Value.Shape, written[tensor.Key].Shape);
            Assert.Equal(tensor.Value.Values, written[tensor.Key].Values);
        }

    }

    private static void KeepForManualCheck(params string[] paths)
    {
        string? keep = Environment.GetEnvironmentVariable("NETGEN_INTEROP_DIR");
        if (string.IsNullOrEmpty(keep))
        {
            return;
        }

        Directory.CreateDirectory(keep);
        foreach (string path in paths)
        {
            File.Copy(path, Path.Combine(keep, Path.GetFileName(path)), overwrite: true);
        }
    }

    private static JsonDocument ReadReference() =>
        JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "torch_sequential.json")));

    private static float[] Floats(JsonElement array)
    {
        var values = new float[array.GetArrayLength()];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)array[i].GetDouble();
        }

        return values;
    }

    private static int[] Ints(JsonElement array)
    {
        var values = new int[array.GetArrayLength()];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = array[i].GetInt32();
        }

        return values;
    }
}
