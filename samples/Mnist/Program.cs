using System;
using System.IO;
using MnistSample;
using NetGen.Data;
using NetGen.Optimizers;
using NetGen.Samples;
using NetGen.Serialization;
using NetGen.Training;
using Spectre.Console;

// Trains the MLP on the MNIST images shipped in data/mnist (or --data DIR with the full set), reports the test
// accuracy, saves a checkpoint, reloads it into a fresh network and checks that it predicts the same.
// --gpu trains on the best accelerator instead (docs/gpu.md).
var arguments = SampleArguments.Parse(args, Path.Combine("data", "mnist"), "--gpu");
if (arguments.Has("--gpu"))
{
    return GpuTraining.Run(arguments);
}

Dataset train = NetGen.Data.Mnist.Load(arguments.DataDirectory, train: true);
Dataset test = NetGen.Data.Mnist.Load(arguments.DataDirectory, train: false);
(Dataset fit, Dataset validation) = train.Split(validationFraction: 0.1, seed: 1);
AnsiConsole.MarkupLine($"MNIST: {fit.Count} training, {validation.Count} validation, {test.Count} test images from {Markup.Escape(arguments.DataDirectory)}");

var network = new MnistMlp(seed: 42);
var optimizer = new Sgd(learningRate: 0.05f, momentum: 0.9f);
var options = new TrainingOptions
{
    Epochs = arguments.Epochs ?? 8,
    BatchSize = 64,
    Seed = 1,
    Validation = validation,
    EarlyStopping = new EarlyStopping { Patience = 2 },
};
TrainingHistory history = ConsoleTraining.Run(options.Epochs, progress =>
    Trainer.Fit(network, optimizer, fit, options with { Progress = progress }));
ConsoleTraining.PrintHistory(history);

Evaluation result = Trainer.Evaluate(network, test);
System.Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
    $"test accuracy: {100 * result.Accuracy:F2} % (loss {result.Loss:F4}) on {test.Count} images"));

string checkpoint = Path.Combine(arguments.OutputDirectory, "mnist-mlp.safetensors");
Checkpoint.Save(checkpoint, network, optimizer, new CheckpointInfo { Epoch = history.Epochs.Count });
var reloaded = new MnistMlp(seed: 0);
Checkpoint.Load(checkpoint, reloaded);
int[] before = Trainer.Predict(network, test), after = Trainer.Predict(reloaded, test);
int same = 0;
for (int i = 0; i < before.Length; i++)
{
    same += before[i] == after[i] ? 1 : 0;
}

AnsiConsole.MarkupLine($"saved {Markup.Escape(checkpoint)}; the reloaded network predicts the same class for {same}/{before.Length} test images");
string plot = Path.Combine(arguments.OutputDirectory, "mnist-mlp-training.svg");
SvgPlot.WriteTrainingCurves(plot, history, "MNIST MLP 784-128-10");
AnsiConsole.MarkupLine($"training curves: {Markup.Escape(plot)}");
return same == before.Length ? 0 : 1;
