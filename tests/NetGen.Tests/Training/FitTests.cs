using System;
using System.Collections.Generic;
using NetGen.Data;
using NetGen.Optimizers;
using NetGen.Optimizers.Schedules;
using NetGen.Tests.Networks;
using NetGen.Training;
using Xunit;

namespace NetGen.Tests.Training;

public class FitTests
{
    /// <summary>Three classes decided by a rule on the first two features of 4-feature points.</summary>
    private static Dataset Blobs(int count, int seed)
    {
        float[] x = NetworkNumericsTests.RandomValues(count * 4, seed, 1f);
        int[] labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = x[i * 4] > 0.3f ? 2 : x[i * 4 + 1] > 0f ? 1 : 0;
        }

        return Dataset.WithLabels(x, 4, labels, 3, "blobs");
    }

    private sealed class ListProgress : IProgress<TrainingProgress>
    {
        public List<TrainingProgress> Reports { get; } = new();

        public void Report(TrainingProgress value) => Reports.Add(value);
    }

    [Fact]
    public void Fit_ReportsEveryBatchAndEpoch_AndLearns()
    {
        var network = new ReluCrossEntropy(seed: 1);
        var progress = new ListProgress();
        TrainingHistory history = Trainer.Fit(network, new Sgd(0.2f, momentum: 0.9f), Blobs(100, 1), new TrainingOptions
        {
            Epochs = 30, BatchSize = 16, Seed = 3, Validation = Blobs(50, 2), Progress = progress,
        });

        Assert.Equal(30, history.Epochs.Count);
        Assert.Equal(30 * (7 + 1), progress.Reports.Count); // 7 batches of <= 16 out of 100, plus the epoch report
        Assert.Equal(30, progress.Reports.FindAll(r => r.EpochCompleted is not null).Count);
        EpochResult last = history.Epochs[^1];
        Assert.True(last.Loss < 0.5f * history.Epochs[0].Loss);
        Assert.True(last.Accuracy > 0.85f, $"training accuracy {last.Accuracy}");
        Assert.True(last.ValidationAccuracy > 0.8f, $"validation accuracy {last.ValidationAccuracy}");

        // The reported validation metrics are those Evaluate gives for the final weights.
        Evaluation check = Trainer.Evaluate(network, Blobs(50, 2));
        Assert.Equal(check.Loss, last.ValidationLoss);
        Assert.Equal(check.Accuracy, last.ValidationAccuracy);
    }

    [Fact]
    public void Evaluate_And_Predict_AgreeWithAManualForwardPass()
    {
        var network = new ReluCrossEntropy(seed: 2);
        Dataset data = Blobs(37, 5); // not a multiple of the batch size
        float[] outputs = new float[37 * 3];
        network.Forward(data.Features, outputs);
        double loss = 0;
        int correct = 0;
        int[] predicted = Trainer.Predict(network, data, batchSize: 8);
        for (int i = 0; i < 37; i++)
        {
            ReadOnlySpan<float> z = outputs.AsSpan(i * 3, 3);
            double max = Math.Max(z[0], Math.Max(z[1], z[2]));
            double logSumExp = max + Math.Log(Math.Exp(z[0] - max) + Math.Exp(z[1] - max) + Math.Exp(z[2] - max));
            loss += logSumExp - z[data.Labels![i]];
            int argmax = z[1] > z[0] ? (z[2] > z[1] ? 2 : 1) : (z[2] > z[0] ? 2 : 0);
            Assert.Equal(argmax, predicted[i]);
            correct += argmax == data.Labels[i] ? 1 : 0;
        }

        Evaluation evaluation = Trainer.Evaluate(network, data, batchSize: 8);
        Assert.Equal(loss / 37, evaluation.Loss, 5);
        Assert.Equal((float)correct / 37, evaluation.Accuracy);
    }

    [Fact]
    public void Fit_IsDeterministicForASeed()
    {
        float[] Run(int seed)
        {
            var network = new ReluCrossEntropy(seed: 4);
            Trainer.Fit(network, new Adam(0.01f), Blobs(64, 6), new TrainingOptions { Epochs = 3, BatchSize = 10, Seed = seed });
            return network.Parameters.ToArray();
        }

        Assert.Equal(Run(7), Run(7));
        Assert.NotEqual(Run(7), Run(8));
    }

    [Fact]
    public void EarlyStopping_StopsAndRestoresTheBestWeights()
    {
        // A learning rate so large that the validation loss rises after a first improvement.
        var network = new ReluCrossEntropy(seed: 5);
        var progress = new ListProgress();
        TrainingHistory history = Trainer.Fit(network, new Sgd(3f, momentum: 0.9f), Blobs(80, 7), new TrainingOptions
        {
            Epochs = 50, BatchSize = 8, Seed = 1, Validation = Blobs(40, 8),
            EarlyStopping = new EarlyStopping { Patience = 3 },
        });

        int best = 0;
        for (int i = 1; i < history.Epochs.Count; i++)
        {
            if (history.Epochs[i].ValidationLoss < history.Epochs[best].ValidationLoss)
            {
                best = i;
            }
        }

        Assert.True(history.StoppedEarly);
        Assert.Equal(best + 1 + 3, history.Epochs.Count); // stopped after 3 epochs without improvement
        Assert.Equal(best + 1, history.RestoredEpoch);
        Assert.Equal(history.Epochs[best].ValidationLoss, Trainer.Evaluate(network, Blobs(40, 8)).Loss);
    }

    [Fact]
    public void Schedule_SetsTheLearningRateOfEachEpoch()
    {
        var sgd = new Sgd(0.1f);
        TrainingHistory history = Trainer.Fit(new ReluCrossEntropy(seed: 1), sgd, Blobs(20, 1), new TrainingOptions
        {
            Epochs = 5, BatchSize = 4, Schedule = new StepLR(stepSize: 2, gamma: 0.5f),
        });

        Assert.Equal([0.1f, 0.1f, 0.05f, 0.05f, 0.025f], System.Linq.Enumerable.Select(history.Epochs, e => e.LearningRate));
    }

    [Fact]
    public void Labels_TrainAnMseNetworkAsOneHotTargets()
    {
        // SigmoidMse has 2 outputs: label 1 becomes the target (0, 1).
        var network = new SigmoidMse(seed: 3);
        float[] x = NetworkNumericsTests.RandomValues(60 * 3, seed: 9, scale: 1f);
        int[] labels = new int[60];
        for (int i = 0; i < 60; i++)
        {
            labels[i] = x[i * 3] > 0 ? 1 : 0;
        }

        Dataset data = Dataset.WithLabels(x, 3, labels, 2);
        float before = Trainer.Evaluate(network, data).Loss;
        TrainingHistory history = Trainer.Fit(network, new Sgd(0.5f, momentum: 0.9f), data, new TrainingOptions { Epochs = 40, BatchSize = 10 });
        Assert.True(history.Epochs[^1].Accuracy > 0.9f, $"accuracy {history.Epochs[^1].Accuracy}");
        Assert.True(Trainer.Evaluate(network, data).Loss < 0.5f * before);

        // The MSE against one-hot targets, by hand for the first sample.
        float[] y = new float[2];
        network.Forward(data.Sample(0), y);
        float[] t = labels[0] == 1 ? [0f, 1f] : [1f, 0f];
        Evaluation one = Trainer.Evaluate(network, data.Take(1));
        Assert.Equal(((y[0] - t[0]) * (y[0] - t[0]) + (y[1] - t[1]) * (y[1] - t[1])) / 2, one.Loss, 6);
    }

    [Fact]
    public void NonFiniteLoss_HandlerCanSkipTheBatch()
    {
        float[] x = NetworkNumericsTests.RandomValues(8 * 4, seed: 1, scale: 1f);
        x[5] = float.NaN; // sample 1
        var data = Dataset.WithLabels(x, 4, [0, 1, 2, 0, 1, 2, 0, 1], 3);
        var skipped = new List<NonFiniteLoss>();
        TrainingHistory history = Trainer.Fit(new ReluCrossEntropy(seed: 1), new Sgd(0.1f), data, new TrainingOptions
        {
            Epochs = 2, BatchSize = 4, Shuffle = false, OnNonFiniteLoss = e => { skipped.Add(e); return true; },
        });

        Assert.Equal([new NonFiniteLoss(1, 1, float.NaN), new NonFiniteLoss(2, 1, float.NaN)], skipped);
        Assert.True(float.IsFinite(history.Epochs[^1].Loss));
    }

    [Fact]
    public void MismatchedData_IsRejectedWithTheSizes()
    {
        var e = Assert.Throws<ArgumentException>(() => Trainer.Fit(new ReluCrossEntropy(seed: 1), new Sgd(0.1f),
            Dataset.WithLabels(new float[6], 3, [0, 1], 2, "points.csv"), new TrainingOptions()));
        Assert.Contains("points.csv has 3 features", e.Message);
    }
}
