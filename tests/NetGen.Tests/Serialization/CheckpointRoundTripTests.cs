using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using NetGen.Optimizers;
using NetGen.Serialization;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests.Serialization;

/// <summary>Saving and loading give back exactly what was saved, and training resumes bit-identically.</summary>
public class CheckpointRoundTripTests
{
    private static readonly Dictionary<string, Func<int, INetwork>> Networks = new()
    {
        ["SigmoidMse"] = seed => new SigmoidMse(seed),
        ["NoBiasCrossEntropy"] = seed => new NoBiasCrossEntropy(seed),
        ["SmallCnn"] = seed => new SmallCnn(seed),
        ["PReLUNetwork"] = seed => new PReLUNetwork(seed),
        ["LeNet5"] = seed => new LeNet5(seed),
    };

    public static TheoryData<string> NetworkNames => new(Networks.Keys);

    [Theory]
    [MemberData(nameof(NetworkNames))]
    public void Parameters_RoundTripBitExactly(string name)
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File("model.safetensors");
        INetwork saved = Networks[name](1);
        Checkpoint.Save(path, saved);

        INetwork loaded = Networks[name](2);
        Assert.NotEqual(CheckpointTraining.Bits(saved.Parameters), CheckpointTraining.Bits(loaded.Parameters));
        CheckpointInfo info = Checkpoint.Load(path, loaded);

        Assert.Equal(CheckpointTraining.Bits(saved.Parameters), CheckpointTraining.Bits(loaded.Parameters));
        Assert.Null(info.Epoch);
        Assert.Empty(info.Metadata);
        Assert.Equal(["model.safetensors"], directory.FileNames());
    }

    [Theory]
    [MemberData(nameof(NetworkNames))]
    public void TrainingWithAdam_ResumesBitIdentically(string name)
    {
        const int before = 3, after = 4;
        using var directory = new TemporaryDirectory();
        string path = directory.File("run.safetensors");

        INetwork uninterrupted = Networks[name](7);
        var uninterruptedAdam = new Adam(0.01f, weightDecay: 0.001f);
        CheckpointTraining.Train(uninterrupted, uninterruptedAdam, 0, before);
        uninterruptedAdam.LearningRate = 0.004f; // as a schedule would between epochs
        CheckpointTraining.Train(uninterrupted, uninterruptedAdam, before, before + after);

        INetwork first = Networks[name](7);
        var firstAdam = new Adam(0.01f, weightDecay: 0.001f);
        CheckpointTraining.Train(first, firstAdam, 0, before);
        firstAdam.LearningRate = 0.004f;
        Checkpoint.Save(path, first, firstAdam, new CheckpointInfo { Epoch = 3 });

        INetwork resumed = Networks[name](99);
        var resumedAdam = new Adam(0.01f, weightDecay: 0.001f);
        CheckpointInfo info = Checkpoint.Load(path, resumed, resumedAdam);
        Assert.Equal(3, info.Epoch);
        Assert.Equal(before, resumedAdam.StepCount);
        Assert.Equal(0.004f, resumedAdam.LearningRate);
        CheckpointTraining.Train(resumed, resumedAdam, before, before + after);

        Assert.Equal(before + after, resumedAdam.StepCount);
        Assert.Equal(CheckpointTraining.Bits(uninterrupted.Parameters), CheckpointTraining.Bits(resumed.Parameters));
        Assert.Equal(
            CheckpointTraining.Bits(CheckpointTraining.State(uninterruptedAdam, uninterrupted)),
            CheckpointTraining.Bits(CheckpointTraining.State(resumedAdam, resumed)));
    }

    [Fact]
    public void OptimizerWithoutState_WritesNoStateTensor_AndRestoresStepAndRate()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File("sgd.safetensors");
        var network = new SigmoidMse(1);
        var sgd = new Sgd(0.05f);
        CheckpointTraining.Train(network, sgd, 0, 2);
        Checkpoint.Save(path, network, sgd);

        Assert.DoesNotContain(Checkpoint.OptimizerStateTensor, Checkpoint.ReadTensors(path).Keys);
        IReadOnlyDictionary<string, string> metadata = Checkpoint.ReadMetadata(path);
        Assert.Equal("Sgd", metadata["optimizer.type"]);
        Assert.Equal("2", metadata["optimizer.step_count"]);

        var restored = new Sgd(0.5f);
        Checkpoint.Load(path, new SigmoidMse(2), restored);
        Assert.Equal(2, restored.StepCount);
        Assert.Equal(0.05f, restored.LearningRate);
    }

    [Fact]
    public void LearningRate_IsWrittenRoundTripInvariant_UnderAnyCulture()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File("lr.safetensors");
        float rate = BitConverter.Int32BitsToSingle(0x3A83126F) + 1e-9f; // close to 0.001, not a short decimal
        CultureInfo culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Checkpoint.Save(path, new SigmoidMse(1), new Adam(rate));
            Assert.DoesNotContain(",", Checkpoint.ReadMetadata(path)["optimizer.learning_rate"], StringComparison.Ordinal);
            var adam = new Adam();
            Checkpoint.Load(path, new SigmoidMse(2), adam);
            Assert.Equal(BitConverter.SingleToInt32Bits(rate), BitConverter.SingleToInt32Bits(adam.LearningRate));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void CheckpointInfo_RoundTrips_WithoutReservedKeys()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File("info.safetensors");
        var info = new CheckpointInfo
        {
            Epoch = 12,
            Metadata = new Dictionary<string, string> { ["run"] = "lr-sweep 3", ["accuracy"] = "0.9812", ["note"] = "ünïcode \"quoted\"" },
        };
        Checkpoint.Save(path, new SigmoidMse(1), new Adam(), info);

        CheckpointInfo loaded = Checkpoint.Load(path, new SigmoidMse(1));
        Assert.Equal(info, loaded);
        IReadOnlyDictionary<string, string> all = Checkpoint.ReadMetadata(path);
        Assert.Equal("12", all["netgen.epoch"]);
        Assert.Equal("pt", all["format"]);
        Assert.Equal(typeof(SigmoidMse).FullName, all["netgen.network"]);
        Assert.True(all.ContainsKey("netgen.version"));
    }

    [Theory]
    [InlineData("format")]
    [InlineData("netgen.epoch")]
    [InlineData("optimizer.type")]
    public void Save_RejectsReservedMetadataKeys_BeforeWriting(string key)
    {
        using var directory = new TemporaryDirectory();
        var info = new CheckpointInfo { Metadata = new Dictionary<string, string> { [key] = "x" } };
        var e = Assert.Throws<ArgumentException>(() => Checkpoint.Save(directory.File("x.safetensors"), new SigmoidMse(1), info: info));
        Assert.Contains(key, e.Message, StringComparison.Ordinal);
        Assert.Empty(directory.FileNames());
    }

    [Fact]
    public void File_FollowsTheSafetensorsLayout()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File("layout.safetensors");
        INetwork network = new SmallCnn(3);
        var adam = new Adam();
        CheckpointTraining.Train(network, adam, 0, 1);
        Checkpoint.Save(path, network, adam);

        byte[] bytes = File.ReadAllBytes(path);
        long n = SafeTensorsBytes.HeaderLength(bytes);
        Assert.Equal(0, n % 8); // data aligned to 8 bytes
        Assert.Equal((byte)'{', bytes[8]);
        int stateLength = adam.StateLength(network.ParameterCount);
        Assert.Equal(8 + n + 4L * (network.ParameterCount + stateLength), bytes.Length);

        using JsonDocument header = JsonDocument.Parse(Encoding.UTF8.GetString(bytes, 8, (int)n));
        long expectedBegin = 0;
        foreach (TensorInfo tensor in network.ParameterTensors)
        {
            JsonElement entry = header.RootElement.GetProperty(tensor.Name);
            Assert.Equal("F32", entry.GetProperty("dtype").GetString());
            Assert.Equal(tensor.Shape, ReadInts(entry.GetProperty("shape")));
            Assert.Equal([expectedBegin, expectedBegin + 4L * tensor.Length], ReadLongs(entry.GetProperty("data_offsets")));
            float[] values = new float[tensor.Length];
            Buffer.BlockCopy(bytes, (int)(8 + n + expectedBegin), values, 0, 4 * tensor.Length);
            Assert.Equal(
                CheckpointTraining.Bits(network.Parameters.Slice(tensor.Offset, tensor.Length)), CheckpointTraining.Bits(values));
            expectedBegin += 4L * tensor.Length;
        }

        JsonElement state = header.RootElement.GetProperty("optimizer.state");
        Assert.Equal([stateLength], ReadInts(state.GetProperty("shape")));
        Assert.Equal([expectedBegin, expectedBegin + 4L * stateLength], ReadLongs(state.GetProperty("data_offsets")));
        Assert.Equal("Adam", header.RootElement.GetProperty("__metadata__").GetProperty("optimizer.type").GetString());
    }

    [Fact]
    public void ReadTensors_GivesNamesShapesAndValues()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File("read.safetensors");
        var network = new PReLUNetwork(5);
        Checkpoint.Save(path, network);

        IReadOnlyDictionary<string, CheckpointTensor> tensors = Checkpoint.ReadTensors(path);
        Assert.Equal(network.ParameterTensors.Count, tensors.Count);
        foreach (TensorInfo tensor in network.ParameterTensors)
        {
            CheckpointTensor read = tensors[tensor.Name];
            Assert.Equal("F32", read.DType);
            Assert.Equal(tensor.Shape, read.Shape);
            Assert.Equal(
                CheckpointTraining.Bits(network.Parameters.Slice(tensor.Offset, tensor.Length)), CheckpointTraining.Bits(read.Values));
        }
    }

    [Fact]
    public void ReadTensors_ConvertsOtherFloatTypes_AndAcceptsScalarsAndEmptyTensors()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File("types.safetensors");
        byte[] data =
        [
            .. BitConverter.GetBytes(0.1), .. BitConverter.GetBytes(-2.5), // F64 [2]
            .. BitConverter.GetBytes((Half)1.5), .. BitConverter.GetBytes((Half)(-0.25)), // F16 [2]
            0x80, 0x3F, 0x40, 0xC0, // BF16 [2]: 1.0, -3.0
            .. SafeTensorsBytes.F32(7f), // F32 scalar
        ];
        string header =
            """{"d":{"dtype":"F64","shape":[2],"data_offsets":[0,16]},"h":{"dtype":"F16","shape":[2],"data_offsets":[16,20]}""" +
            ""","b":{"dtype":"BF16","shape":[1,2],"data_offsets":[20,24]},"s":{"dtype":"F32","shape":[],"data_offsets":[24,28]}""" +
            ""","e":{"dtype":"F32","shape":[0,3],"data_offsets":[28,28]}}""";
        File.WriteAllBytes(path, SafeTensorsBytes.File(header, data));

        IReadOnlyDictionary<string, CheckpointTensor> tensors = Checkpoint.ReadTensors(path);
        Assert.Equal([0.1f, -2.5f], tensors["d"].Values);
        Assert.Equal([1.5f, -0.25f], tensors["h"].Values);
        Assert.Equal([1f, -3f], tensors["b"].Values);
        Assert.Equal([1, 2], tensors["b"].Shape);
        Assert.Equal([7f], tensors["s"].Values);
        Assert.Empty(tensors["s"].Shape);
        Assert.Empty(tensors["e"].Values);
        Assert.Equal("F64", tensors["d"].DType);
    }

    [Fact]
    public void ReadTensors_RejectsIntegerTensors_NamingThem()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File("ints.safetensors");
        File.WriteAllBytes(path, SafeTensorsBytes.File(
            """{"steps":{"dtype":"I64","shape":[1],"data_offsets":[0,8]},"w":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}""",
            new byte[12]));

        var e = Assert.Throws<CheckpointException>(() => Checkpoint.ReadTensors(path));
        Assert.Contains("'steps'", e.Message, StringComparison.Ordinal);
        Assert.Contains("I64", e.Message, StringComparison.Ordinal);
        Assert.Equal(path, e.FileName);
    }

    [Fact]
    public void Load_WithoutOptimizer_IgnoresSavedOptimizerState()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File("weights.safetensors");
        var network = new SigmoidMse(1);
        var adam = new Adam();
        CheckpointTraining.Train(network, adam, 0, 2);
        Checkpoint.Save(path, network, adam);

        var loaded = new SigmoidMse(2);
        Checkpoint.Load(path, loaded);
        Assert.Equal(CheckpointTraining.Bits(network.Parameters), CheckpointTraining.Bits(loaded.Parameters));
    }

    [Fact]
    public void Save_WithNameMap_WritesMappedNames_AndLoadMapsThemBack()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File("renamed.safetensors");
        var network = new SigmoidMse(1);
        Checkpoint.Save(path, network, nameInFile: name => "model." + name);
        Assert.Equal(["model.0.weight", "model.0.bias", "model.2.weight", "model.2.bias"], Checkpoint.ReadTensors(path).Keys);

        var loaded = new SigmoidMse(2);
        Checkpoint.Load(path, loaded, nameInFile: name => "model." + name);
        Assert.Equal(CheckpointTraining.Bits(network.Parameters), CheckpointTraining.Bits(loaded.Parameters));
    }

    [Fact]
    public void Save_RejectsANameMapThatMergesTensors()
    {
        using var directory = new TemporaryDirectory();
        Assert.Throws<ArgumentException>(
            () => Checkpoint.Save(directory.File("x.safetensors"), new SigmoidMse(1), nameInFile: _ => "same"));
        Assert.Throws<ArgumentException>(
            () => Checkpoint.Save(directory.File("x.safetensors"), new SigmoidMse(1), nameInFile: name => name == "2.bias" ? Checkpoint.OptimizerStateTensor : name));
        Assert.Empty(directory.FileNames());
    }

    private static int[] ReadInts(JsonElement array)
    {
        var values = new List<int>();
        foreach (JsonElement element in array.EnumerateArray())
        {
            values.Add(element.GetInt32());
        }

        return values.ToArray();
    }

    private static long[] ReadLongs(JsonElement array)
    {
        var values = new List<long>();
        foreach (JsonElement element in array.EnumerateArray())
        {
            values.Add(element.GetInt64());
        }

        return values.ToArray();
    }
}
