using System.IO;
using LeNetSample;
using NetGen.Data;
using NetGen.Optimizers;
using NetGen.Samples;
using NetGen.Serialization;
using NetGen.Training;
using Spectre.Console;

// Trains LeNet-5 on the MNIST images shipped in data/mnist (or --data DIR), reports the test accuracy and saves the model.
var arguments = SampleArguments.Parse(args, Path.Combine("data", "mnist"));
Dataset train = Mnist.Load(arguments.DataDirectory, train: true);
Dataset test = Mnist.Load(arguments.DataDirectory, train: false);
(Dataset fit, Dataset validation) = train.Split(validationFraction: 0.1, seed: 1);
AnsiConsole.MarkupLine($"MNIST: {fit.Count} training, {validation.Count} validation, {test.Count} test images; LeNet-5 with {LeNet5.ParameterCount} parameters");

var network = new LeNet5(seed: 7);
var optimizer = new Adam(learningRate: 0.001f);
var options = new TrainingOptions
{
    Epochs = arguments.Epochs ?? 12,
    BatchSize = 32,
    Seed = 1,
    Validation = validation,
    EarlyStopping = new EarlyStopping { Patience = 3 },
};
TrainingHistory history = ConsoleTraining.Run(options.Epochs, progress =>
    Trainer.Fit(network, optimizer, fit, options with { Progress = progress }));
ConsoleTraining.PrintHistory(history);

Evaluation result = Trainer.Evaluate(network, test);
System.Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
    $"test accuracy: {100 * result.Accuracy:F2} % (loss {result.Loss:F4}) on {test.Count} images"));

string checkpoint = Path.Combine(arguments.OutputDirectory, "lenet5.safetensors");
Checkpoint.Save(checkpoint, network, optimizer, new CheckpointInfo { Epoch = history.Epochs.Count });
string plot = Path.Combine(arguments.OutputDirectory, "lenet5-training.svg");
SvgPlot.WriteTrainingCurves(plot, history, "LeNet-5 on MNIST");
AnsiConsole.MarkupLine($"saved {Markup.Escape(checkpoint)}; training curves: {Markup.Escape(plot)}");
