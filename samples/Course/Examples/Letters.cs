using System.IO;
using System.Linq;
using NetGen;
using NetGen.Data;
using NetGen.Optimizers;
using NetGen.Training;
using static System.FormattableString;

namespace Course.Examples;

/// <summary>64 pixels of an 8 x 8 digit, 64 ReLU hidden units, 10 logits.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(64)]
[Dense(64, Activation.ReLU)]
[Dense(10)]
public partial class DigitsMlp { }

/// <summary>Test accuracy, its size, and the confusion matrix <c>[true class, predicted class]</c>.</summary>
public sealed record LettersResult(float TestAccuracy, int TestCount, int[,] Confusion);

/// <summary>
/// Character recognition on small images: the UCI 8 x 8 handwritten digits (data/csv/digits.csv), pixel counts 0..16
/// scaled to [0, 1], a quarter held out for testing.
/// </summary>
public static class Letters
{
    public const string Name = "letters";

    public static LettersResult Run(TextWriter output, CourseOptions options)
    {
        CsvDataset csv = Csv.ReadClassification(Path.Combine(options.DataDirectory, "csv", "digits.csv"), labelColumn: "label");
        Transforms.Scale(csv.Dataset, 1f / 16);
        (Dataset train, Dataset test) = csv.Dataset.Split(validationFraction: 0.25, seed: 1);
        int epochs = options.Epochs ?? 30;
        output.WriteLine($"{train.Count} training and {test.Count} test digits of 8 x 8 pixels, {epochs} epochs of Adam (lr 0.003), batches of 32");

        var network = new DigitsMlp(seed: 1);
        var training = new TrainingOptions { Epochs = epochs, BatchSize = 32, Seed = 1, Validation = test };
        TrainingHistory history = Trainer.Fit(network, new Adam(learningRate: 0.003f), train, training);
        foreach (EpochResult e in history.Epochs.Where(e => e.Epoch % 5 == 0 || e.Epoch == 1))
        {
            output.WriteLine(Invariant($"epoch {e.Epoch,3}: loss {e.Loss:F4}, training accuracy {e.Accuracy:F3}, test accuracy {e.ValidationAccuracy:F3}"));
        }

        int[] predicted = Trainer.Predict(network, test);
        var confusion = new int[10, 10];
        int correct = 0;
        for (int i = 0; i < test.Count; i++)
        {
            confusion[test.Labels![i], predicted[i]]++;
            correct += test.Labels[i] == predicted[i] ? 1 : 0;
        }

        output.WriteLine("confusion matrix (rows: true digit, columns: predicted):");
        output.WriteLine("     " + string.Join("", Enumerable.Range(0, 10).Select(c => $"{c,4}")));
        for (int r = 0; r < 10; r++)
        {
            output.WriteLine($"{r,4} " + string.Join("", Enumerable.Range(0, 10).Select(c => $"{confusion[r, c],4}")));
        }

        float accuracy = (float)correct / test.Count;
        output.WriteLine(Invariant($"test accuracy {accuracy:P1} ({correct} of {test.Count})"));
        return new LettersResult(accuracy, test.Count, confusion);
    }
}
