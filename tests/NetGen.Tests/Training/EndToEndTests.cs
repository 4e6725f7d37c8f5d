using System.IO;
using NetGen.Data;
using NetGen.Optimizers;
using NetGen.Serialization;
using NetGen.Tests.Data;
using NetGen.Tests.Networks;
using NetGen.Training;
using Xunit;

namespace NetGen.Tests.Training;

/// <summary>The shipped data, the trainer and a checkpoint, end to end, within a few seconds.</summary>
public class EndToEndTests
{
    [Fact]
    public void MnistMlp_OnAShippedSubset_ReachesNinetyPercentAndSurvivesACheckpoint()
    {
        Dataset train = Mnist.Load(DataFiles.MnistDirectory, train: true).Take(6000);
        Dataset test = Mnist.Load(DataFiles.MnistDirectory, train: false).Take(2000);
        var network = new MnistMlp(seed: 42);
        var optimizer = new Sgd(0.05f, momentum: 0.9f);
        TrainingHistory history = Trainer.Fit(network, optimizer, train, new TrainingOptions { Epochs = 6, BatchSize = 64, Seed = 1 });

        Evaluation result = Trainer.Evaluate(network, test);
        Assert.True(result.Accuracy >= 0.90f, $"test accuracy {result.Accuracy} after losses {string.Join(", ", history.Losses)}");

        string path = Path.Combine(Path.GetTempPath(), $"netgen-e2e-{System.Guid.NewGuid():N}.safetensors");
        try
        {
            Checkpoint.Save(path, network, optimizer, new CheckpointInfo { Epoch = 6 });
            var reloaded = new MnistMlp(seed: 0);
            Assert.Equal(6, Checkpoint.Load(path, reloaded).Epoch);
            Assert.Equal(network.Parameters.ToArray(), reloaded.Parameters.ToArray());
            Assert.Equal(Trainer.Predict(network, test), Trainer.Predict(reloaded, test));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
