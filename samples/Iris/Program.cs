using System.IO;
using IrisSample;
using NetGen.Data;
using NetGen.Optimizers;
using NetGen.Samples;
using NetGen.Training;
using Spectre.Console;

// A tabular classifier from a CSV file: the Iris flowers, standardised with statistics of the training split only.
var arguments = SampleArguments.Parse(args, Path.Combine("data", "csv"));
CsvDataset csv = Csv.ReadClassification(Path.Combine(arguments.DataDirectory, "iris.csv"), labelColumn: "label");
(Dataset train, Dataset test) = csv.Dataset.Split(validationFraction: 0.3, seed: 3);
Standardizer scaler = Standardizer.Fit(train);
scaler.Apply(train);
scaler.Apply(test);
AnsiConsole.MarkupLine($"Iris: {train.Count} training and {test.Count} test flowers, classes {string.Join(", ", csv.ClassNames)}");

var network = new IrisClassifier(seed: 1);
var options = new TrainingOptions { Epochs = arguments.Epochs ?? 60, BatchSize = 8, Seed = 2, Validation = test };
TrainingHistory history = ConsoleTraining.Run(options.Epochs, progress =>
    Trainer.Fit(network, new Adam(learningRate: 0.01f), train, options with { Progress = progress }));
ConsoleTraining.PrintHistory(history);

Evaluation result = Trainer.Evaluate(network, test);
AnsiConsole.MarkupLine($"test accuracy: [bold]{result.Accuracy:P1}[/] on {test.Count} flowers");
string plot = Path.Combine(arguments.OutputDirectory, "iris-training.svg");
SvgPlot.WriteTrainingCurves(plot, history, "Iris 4-16-3");
AnsiConsole.MarkupLine($"training curves: {Markup.Escape(plot)}");
