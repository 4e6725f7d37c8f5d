using System.Collections.Generic;
using System.IO;
using NetGen;
using NetGen.Data;
using NetGen.Optimizers;
using NetGen.Training;
using static System.FormattableString;

namespace Course.Examples;

/// <summary>
/// Keras' <c>Sequential([Dense(32, activation='relu', input_dim=100), Dense(1, activation='sigmoid')])</c> compiled
/// with <c>loss='binary_crossentropy'</c>.
/// </summary>
[Network(Loss = Loss.BCE)]
[Input(100)]
[Dense(32, Activation.ReLU)]
[Dense(1, Activation.Sigmoid)]
public partial class KerasBinaryClassifier { }

/// <summary>Loss and accuracy of every epoch.</summary>
public sealed record KerasBinaryResult(IReadOnlyList<EpochResult> Epochs);

/// <summary>
/// Keras' "binary classification" getting-started example: 1,000 random samples of 100 features with random 0/1
/// labels, RMSprop, 10 epochs in batches of 32. There is nothing to learn, so accuracy starts near chance; it climbs
/// only because 3,265 parameters can memorise 1,000 labels.
/// </summary>
public static class KerasBinary
{
    public const string Name = "keras-binary";

    public static KerasBinaryResult Run(TextWriter output, CourseOptions options)
    {
        var random = new SeededRandom(42);
        int count = options.TrainingSamples ?? 1000;
        float[] data = new float[count * 100];
        int[] labels = new int[count];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = random.NextSingle(); // np.random.random((1000, 100))
        }

        for (int i = 0; i < count; i++)
        {
            labels[i] = random.NextInt32(2); // np.random.randint(2, size=(1000, 1))
        }

        // A one-output network gets each label as a 0/1 target; accuracy counts outputs >= 0.5 as class 1.
        Dataset train = Dataset.WithLabels(data, 100, labels, classCount: 2, "random data");
        var model = new KerasBinaryClassifier(seed: 1);
        var rmsprop = new RmsProp(learningRate: 0.001f, alpha: 0.9f, epsilon: 1e-7f); // Keras' RMSprop defaults
        int epochs = options.Epochs ?? 10;
        TrainingHistory history = Trainer.Fit(model, rmsprop, train, new TrainingOptions { Epochs = epochs, BatchSize = 32, Seed = 1 });
        foreach (EpochResult e in history.Epochs)
        {
            output.WriteLine(Invariant($"Epoch {e.Epoch}/{epochs} - loss: {e.Loss:F4} - accuracy: {e.Accuracy:F4}"));
        }

        return new KerasBinaryResult(history.Epochs);
    }
}
