using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using NetGen.Optimizers;
using NetGen.Serialization;
using NetGen.Tests.Serialization;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Tests.Reliability;

/// <summary>
/// A checkpoint save killed at any moment: a child process (this assembly, see <see cref="CheckpointWriterProgram"/>)
/// saves two checkpoints alternately in a loop and is killed (SIGKILL) after a random delay, twenty times. The file is
/// always exactly one of the two complete checkpoints and loads; never a torn one. A killed save leaves its hidden
/// temporary file behind, and the next save to the same path deletes it, so they never accumulate.
/// </summary>
public class CheckpointKillTests(ITestOutputHelper output)
{
    private const int Rounds = 20;

    /// <summary>The checkpoint <paramref name="which"/> (0 or 1): a network of a million parameters and its Adam state after one step.</summary>
    public static (LargeCheckpointNetwork Network, Adam Optimizer) Reference(int which)
    {
        var network = new LargeCheckpointNetwork(seed: 100 + which);
        var adam = new Adam(0.001f);
        var (inputs, targets) = CheckpointTraining.Batch(network, step: which);
        network.ComputeGradients(inputs, targets);
        adam.Step(network.Parameters, network.Gradients);
        return (network, adam);
    }

    [Fact]
    public void SaveKilledAtRandomMoments_LeavesTheOldOrTheNewCompleteCheckpoint()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File("model.safetensors");
        byte[][] expected = new byte[2][];
        for (int k = 0; k < 2; k++)
        {
            var (network, adam) = Reference(k);
            Checkpoint.Save(path, network, adam);
            expected[k] = File.ReadAllBytes(path);
        }

        Checkpoint.Save(path, Reference(0).Network, Reference(0).Optimizer); // the old checkpoint: A
        var random = new Random(2024);
        int midSave = 0, sawOld = 0, sawNew = 0;
        var clock = Stopwatch.StartNew();
        for (int round = 0; round < Rounds; round++)
        {
            using Process child = StartWriter(path);
            string? line = ReadLine(child, TimeSpan.FromSeconds(120));
            Assert.True(line == "ready", $"round {round}: the writer said '{line}' (null: nothing within two minutes)");
            Thread.Sleep(random.Next(0, 250));
            child.Kill();
            Assert.True(child.WaitForExit(60_000), $"round {round}: the writer did not die");

            string[] temporary = TemporaryFiles(directory);
            Assert.True(temporary.Length <= 1, $"round {round}: temporary files accumulate: {string.Join(", ", temporary)}");
            midSave += temporary.Length;

            byte[] bytes = File.ReadAllBytes(path);
            int which = bytes.AsSpan().SequenceEqual(expected[0]) ? 0 : bytes.AsSpan().SequenceEqual(expected[1]) ? 1 : -1;
            Assert.True(which >= 0, $"round {round}: the checkpoint ({bytes.Length} bytes) is neither complete checkpoint: torn");
            (which == 0 ? ref sawOld : ref sawNew)++;

            var (loaded, optimizer) = (new LargeCheckpointNetwork(seed: 1), new Adam(0.001f));
            Checkpoint.Load(path, loaded, optimizer);
            Assert.Equal(Reference(which).Network.Parameters.ToArray(), loaded.Parameters.ToArray());
        }

        output.WriteLine($"{Rounds} kills in {clock.Elapsed.TotalSeconds:F1} s: {midSave} in the middle of a save (a temporary file left), " +
            $"file then held checkpoint A {sawOld} times, B {sawNew} times.");
        Assert.True(midSave > 0, "no kill landed in the middle of a save; the test proves nothing");

        // The next save cleans up after the last killed writer.
        Checkpoint.Save(path, Reference(1).Network);
        Assert.Equal(["model.safetensors"], directory.FileNames());
    }

    [Fact]
    public void TemporaryFileOfAnotherLiveProcess_IsLeftAlone_AndOfADeadOneDeleted()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File("model.safetensors");
        using Process live = Process.GetCurrentProcess();
        string mine = directory.File(Checkpoint.TemporaryName("model.safetensors", Environment.ProcessId, Guid.NewGuid()));
        string dead = directory.File(Checkpoint.TemporaryName("model.safetensors", DeadProcessId(), Guid.NewGuid()));
        string other = directory.File(".other.safetensors." + Path.GetFileName(dead)[".model.safetensors.".Length..]);
        foreach (string file in new[] { mine, dead, other })
        {
            File.WriteAllBytes(file, [1, 2, 3]);
        }

        Checkpoint.Save(path, new Networks.SigmoidMse(1));
        Assert.True(File.Exists(mine), "a temporary file of this (live) process was deleted");
        Assert.False(File.Exists(dead), "the temporary file of a dead process was left");
        Assert.True(File.Exists(other), "a temporary file of another checkpoint was deleted");
    }

    private static int DeadProcessId()
    {
        using Process child = StartWriter("--no-such-command");
        child.WaitForExit();
        return child.Id;
    }

    private static Process StartWriter(string path)
    {
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(CheckpointWriterProgram).Assembly.Location);
        start.ArgumentList.Add(path == "--no-such-command" ? path : CheckpointWriterProgram.Command);
        if (path != "--no-such-command")
        {
            start.ArgumentList.Add(path);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("Could not start the checkpoint writer.");
    }

    /// <summary>The child's first line of output, read on a thread of its own (null if none comes in time).</summary>
    private static string? ReadLine(Process child, TimeSpan timeout)
    {
        string? line = null;
        var reader = new Thread(() => line = child.StandardOutput.ReadLine()) { IsBackground = true };
        reader.Start();
        return reader.Join(timeout) ? line : null;
    }

    private static string[] TemporaryFiles(TemporaryDirectory directory) =>
        directory.FileNames().Where(n => n.EndsWith(".tmp", StringComparison.Ordinal)).ToArray();
}
