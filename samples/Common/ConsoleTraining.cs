using System;
using System.Globalization;
using NetGen.Training;
using Spectre.Console;

namespace NetGen.Samples;

/// <summary>Runs a training with a live progress bar (loss, accuracy, samples/s) and prints one line per epoch.</summary>
public static class ConsoleTraining
{
    /// <summary>
    /// Calls <paramref name="fit"/> with a progress sink that drives the bar. The sink reports on the training thread,
    /// so nothing is queued or allocated per batch beyond the bar's own refresh.
    /// </summary>
    public static TrainingHistory Run(int epochs, Func<IProgress<TrainingProgress>, TrainingHistory> fit)
    {
        TrainingHistory? history = null;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                ProgressTask task = context.AddTask("training", maxValue: epochs);
                history = fit(new Sink(task));
                task.Value = task.MaxValue;
            });
        return history!;
    }

    /// <summary>Prints the history as a table.</summary>
    public static void PrintHistory(TrainingHistory history)
    {
        var table = new Table().AddColumns("epoch", "loss", "accuracy", "val. loss", "val. accuracy", "lr", "seconds");
        foreach (EpochResult e in history.Epochs)
        {
            table.AddRow(
                e.Epoch.ToString(CultureInfo.InvariantCulture), F(e.Loss), F(e.Accuracy), F(e.ValidationLoss), F(e.ValidationAccuracy),
                e.LearningRate.ToString("G3", CultureInfo.InvariantCulture), e.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
        if (history.StoppedEarly)
        {
            AnsiConsole.MarkupLine("stopped early: the validation loss stopped improving");
        }

        if (history.RestoredEpoch is { } best)
        {
            AnsiConsole.MarkupLine($"restored the weights of epoch {best}, the one with the lowest validation loss");
        }
    }

    private static string F(float? value) => value is { } v ? v.ToString("F4", CultureInfo.InvariantCulture) : "-";

    private sealed class Sink(ProgressTask task) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress p)
        {
            string accuracy = p.Accuracy is { } a ? string.Create(CultureInfo.InvariantCulture, $" acc {a:F3}") : "";
            task.Description = string.Create(CultureInfo.InvariantCulture,
                $"epoch {p.Epoch}/{p.Epochs} loss {p.Loss:F4}{accuracy} {p.SamplesPerSecond:N0} samples/s");
            task.Value = p.Epoch - 1 + (double)p.Batch / Math.Max(p.Batches, 1);
        }
    }
}
