using System;
using System.IO;
using NetGen.Optimizers;
using NetGen.Serialization;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests.Serialization;

/// <summary>Loading into the wrong network or optimizer reports every mismatch at once and changes nothing.</summary>
public class CheckpointMismatchTests
{
    [Fact]
    public void AnotherArchitecture_ListsEveryMissingAndUnexpectedTensor()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File("mlp.safetensors");
        Checkpoint.Save(path, new MnistMlp(1));

        var target = new LeNet5(2);
        int[] before = CheckpointTraining.Bits(target.Parameters);
        var e = Assert.Throws<CheckpointException>(() => Checkpoint.Load(path, target));

        Assert.IsNotType<CheckpointFormatException>(e);
        Assert.Equal(path, e.FileName);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("LeNet5", e.Message, StringComparison.Ordinal);
        Assert.Contains("saved from " + typeof(MnistMlp).FullName, e.Message, StringComparison.Ordinal);
        // MnistMlp: 0.weight [128, 784], 0.bias [128], 2.weight [10, 128], 2.bias [10] (1 is the ReLU).
        // LeNet5: 0.* conv [6, 1, 5, 5], 3.* conv [16, 6, 5, 5], 7.* [120, 400], 9.* [84, 120], 11.* [10, 84]
        // (ReLU, pooling and Flatten modules counted, as in the equivalent nn.Sequential).
        Assert.Contains("tensor '0.weight' has shape [128, 784] in the file but [6, 1, 5, 5] in the network", e.Problems);
        Assert.Contains("tensor '0.bias' has shape [128] in the file but [6] in the network", e.Problems);
        foreach (string missing in new[] { "3.weight", "3.bias", "7.weight", "7.bias", "9.weight", "9.bias", "11.weight", "11.bias" })
        {
            Assert.Contains(e.Problems, p => p.StartsWith($"missing tensor '{missing}' of shape [", StringComparison.Ordinal));
        }

        Assert.Contains("unexpected tensor '2.weight' of shape [10, 128] (F32): the network has none of that name", e.Problems);
        Assert.Contains("unexpected tensor '2.bias' of shape [10] (F32): the network has none of that name", e.Problems);
        Assert.Equal(12, e.Problems.Count);
        foreach (string problem in e.Problems)
        {
            Assert.Contains(problem, e.Message, StringComparison.Ordinal);
        }

        Assert.Equal(before, CheckpointTraining.Bits(target.Parameters));
    }

    [Fact]
    public void WrongShapes_GiveBothShapes()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File("sigmoid.safetensors");
        Checkpoint.Save(path, new SigmoidMse(1)); // 3 -> 4 -> 2

        var target = new TanhMse(2); // 3 -> 5 -> 2
        int[] before = CheckpointTraining.Bits(target.Parameters);
        var e = Assert.Throws<CheckpointException>(() => Checkpoint.Load(path, target));
        Assert.Equal(
            [
                "tensor '0.weight' has shape [4, 3] in the file but [5, 3] in the network",
                "tensor '0.bias' has shape [4] in the file but [5] in the network",
                "tensor '2.weight' has shape [2, 4] in the file but [2, 5] in the network",
            ],
            e.Problems);
        Assert.Equal(before, CheckpointTraining.Bits(target.Parameters));
    }

    [Fact]
    public void WrongDtype_IsReported_WithTheOtherProblems()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File("f64.safetensors");
        // SigmoidMse's tensors, but 0.weight stored as F64 and 2.bias missing.
        string header =
            """{"0.weight":{"dtype":"F64","shape":[4,3],"data_offsets":[0,96]},"0.bias":{"dtype":"F32","shape":[4],"data_offsets":[96,112]}""" +
            ""","2.weight":{"dtype":"F32","shape":[2,4],"data_offsets":[112,144]}}""";
        File.WriteAllBytes(path, SafeTensorsBytes.File(header, new byte[144]));

        var target = new SigmoidMse(1);
        int[] before = CheckpointTraining.Bits(target.Parameters);
        var e = Assert.Throws<CheckpointException>(() => Checkpoint.Load(path, target));
        Assert.Equal(
            ["tensor '0.weight' has dtype F64 in the file; expected F32", "missing tensor '2.bias' of shape [2]"],
            e.Problems);
        Assert.Equal(before, CheckpointTraining.Bits(target.Parameters));
    }

    [Fact]
    public void OptimizerTypeMismatch_IsReported_AndNeitherNetworkNorOptimizerChange()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File("adam.safetensors");
        var network = new SigmoidMse(1);
        var adam = new Adam();
        CheckpointTraining.Train(network, adam, 0, 2);
        Checkpoint.Save(path, network, adam);

        var target = new SigmoidMse(2);
        var rmsProp = new RmsProp(0.02f); // one state buffer: also a state length mismatch
        int[] before = CheckpointTraining.Bits(target.Parameters);
        var e = Assert.Throws<CheckpointException>(() => Checkpoint.Load(path, target, rmsProp));

        Assert.Contains("optimizer type mismatch: the file holds the state of Adam, but RmsProp was given", e.Problems);
        Assert.Contains(e.Problems, p => p.StartsWith("tensor 'optimizer.state' is F32 [52] in the file; RmsProp keeps F32 [26]", StringComparison.Ordinal));
        Assert.Contains("with RmsProp", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, CheckpointTraining.Bits(target.Parameters));
        Assert.Equal(0, rmsProp.StepCount);
        Assert.Equal(0.02f, rmsProp.LearningRate);
    }

    [Fact]
    public void OptimizerGiven_ButFileHasNone_IsReported()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File("weights.safetensors");
        Checkpoint.Save(path, new SigmoidMse(1));

        var target = new SigmoidMse(2);
        int[] before = CheckpointTraining.Bits(target.Parameters);
        var e = Assert.Throws<CheckpointException>(() => Checkpoint.Load(path, target, new Adam()));
        Assert.Contains("holds no optimizer state", Assert.Single(e.Problems), StringComparison.Ordinal);
        Assert.Equal(before, CheckpointTraining.Bits(target.Parameters));
    }

    [Fact]
    public void SameNetworkAndOptimizer_ButBadOptimizerMetadata_IsReported()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File("meta.safetensors");
        string header =
            """{"__metadata__":{"optimizer.type":"Sgd","optimizer.step_count":"-1","optimizer.learning_rate":"NaN","netgen.epoch":"x"}""" +
            ""","w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""";
        File.WriteAllBytes(path, SafeTensorsBytes.File(header, new byte[4]));

        var e = Assert.Throws<CheckpointException>(() => Checkpoint.Load(path, new SigmoidMse(1), new Sgd()));
        Assert.Contains("metadata 'optimizer.step_count' is '-1'; expected a non-negative integer", e.Problems);
        Assert.Contains("metadata 'optimizer.learning_rate' is 'NaN'; expected a finite number >= 0", e.Problems);
        Assert.Contains("metadata 'netgen.epoch' is 'x'; expected a non-negative integer", e.Problems);
        Assert.Contains("unexpected tensor 'w' of shape [1] (F32): the network has none of that name", e.Problems);
        Assert.Equal(4 + 4, e.Problems.Count); // and the four missing tensors
    }

    [Fact]
    public void OptimizerThatAlreadyHoldsOtherState_IsRejected_WithoutChangingTheNetwork()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File("adam.safetensors");
        var network = new SigmoidMse(1);
        var adam = new Adam();
        CheckpointTraining.Train(network, adam, 0, 1);
        Checkpoint.Save(path, network, adam);

        var busy = new Adam();
        busy.Step(new float[5], new float[5]); // state for 5 parameters, not 26
        var target = new SigmoidMse(2);
        int[] before = CheckpointTraining.Bits(target.Parameters);
        var e = Assert.Throws<CheckpointException>(() => Checkpoint.Load(path, target, busy));
        Assert.IsType<ArgumentException>(e.InnerException);
        Assert.Equal(before, CheckpointTraining.Bits(target.Parameters));
        Assert.Equal(1, busy.StepCount);
    }

    [Fact]
    public void OtherNames_FailWithoutANameMap_AndLoadWithOne()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File("prefixed.safetensors");
        var saved = new SigmoidMse(1);
        Checkpoint.Save(path, saved, nameInFile: name => "model." + name);

        var target = new SigmoidMse(2);
        var e = Assert.Throws<CheckpointException>(() => Checkpoint.Load(path, target));
        Assert.Equal(
            [
                "missing tensor '0.weight' of shape [4, 3]",
                "missing tensor '0.bias' of shape [4]",
                "missing tensor '2.weight' of shape [2, 4]",
                "missing tensor '2.bias' of shape [2]",
                "unexpected tensor 'model.0.weight' of shape [4, 3] (F32): the network has none of that name",
                "unexpected tensor 'model.0.bias' of shape [4] (F32): the network has none of that name",
                "unexpected tensor 'model.2.weight' of shape [2, 4] (F32): the network has none of that name",
                "unexpected tensor 'model.2.bias' of shape [2] (F32): the network has none of that name",
            ],
            e.Problems);

        var wrongMap = Assert.Throws<CheckpointException>(() => Checkpoint.Load(path, target, nameInFile: name => "module." + name));
        Assert.Contains("missing tensor 'module.0.weight' (the network's '0.weight') of shape [4, 3]", wrongMap.Problems);

        Checkpoint.Load(path, target, nameInFile: name => "model." + name);
        Assert.Equal(CheckpointTraining.Bits(saved.Parameters), CheckpointTraining.Bits(target.Parameters));
    }
}
