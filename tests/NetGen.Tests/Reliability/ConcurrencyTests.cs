using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests.Reliability;

/// <summary>
/// docs/concurrency.md: one network instance is for one thread at a time, and overlapping calls are detected; for
/// inference from many threads each gets a predictor, which shares the parameters and owns its workspace.
/// </summary>
public class ConcurrencyTests
{
    [Fact]
    public void Predictors_OnSixteenThreads_GiveBitIdenticalResultsToTheNetworkOnOneThread()
    {
        var network = new ReliabilityCnn(seed: 5);
        const int samples = 64, calls = 4000;
        float[] inputs = RandomInputs(samples * ReliabilityCnn.InputSize, seed: 1);
        var expected = new float[samples][];
        for (int s = 0; s < samples; s++)
        {
            expected[s] = new float[ReliabilityCnn.OutputSize];
            network.Forward(inputs.AsSpan(s * ReliabilityCnn.InputSize, ReliabilityCnn.InputSize), expected[s]);
        }

        float[] batchExpected = new float[samples * ReliabilityCnn.OutputSize];
        network.Forward(inputs, batchExpected);

        int mismatches = 0, done = 0;
        Parallel.For(
            0, calls, new ParallelOptions { MaxDegreeOfParallelism = 16 },
            () => (Predictor: network.CreatePredictor(), Outputs: new float[samples * ReliabilityCnn.OutputSize]),
            (call, _, local) =>
            {
                if (call % 50 == 0)
                {
                    // Now and then a whole batch, so that the workspaces grow and shrink while others run.
                    local.Predictor.Forward(inputs, local.Outputs);
                    if (!local.Outputs.AsSpan().SequenceEqual(batchExpected))
                    {
                        Interlocked.Increment(ref mismatches);
                    }
                }
                else
                {
                    int s = call % samples;
                    Span<float> y = local.Outputs.AsSpan(0, ReliabilityCnn.OutputSize);
                    local.Predictor.Forward(inputs.AsSpan(s * ReliabilityCnn.InputSize, ReliabilityCnn.InputSize), y);
                    if (!y.SequenceEqual(expected[s]))
                    {
                        Interlocked.Increment(ref mismatches);
                    }
                }

                Interlocked.Increment(ref done);
                return local;
            },
            _ => { });

        Assert.Equal(calls, done);
        Assert.Equal(0, mismatches);
    }

    [Fact]
    public void Predictor_SeesTheNetworksCurrentParameters_AndItsSizes()
    {
        var network = new SigmoidMse(seed: 1);
        INetworkPredictor predictor = network.CreatePredictor();
        Assert.Equal(SigmoidMse.InputSize, predictor.InputSize);
        Assert.Equal(SigmoidMse.OutputSize, predictor.OutputSize);

        float[] x = [0.5f, -1f, 2f], fromNetwork = new float[2], fromPredictor = new float[2];
        network.Parameters.Fill(0.25f); // after creation: the predictor reads the parameters in place
        network.Forward(x, fromNetwork);
        predictor.Forward(x, fromPredictor);
        Assert.Equal(fromNetwork, fromPredictor);
        Assert.Throws<ArgumentException>(() => predictor.Forward(x, new float[3]));
    }

    [Fact]
    public void Predictor_AllocatesNothingAfterWarmUp()
    {
        INetworkPredictor predictor = new ReliabilityCnn(seed: 2).CreatePredictor();
        float[] inputs = RandomInputs(8 * ReliabilityCnn.InputSize, seed: 3), outputs = new float[8 * ReliabilityCnn.OutputSize];
        predictor.Forward(inputs, outputs);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++)
        {
            predictor.Forward(inputs, outputs);
            predictor.Forward(inputs.AsSpan(0, ReliabilityCnn.InputSize), outputs.AsSpan(0, ReliabilityCnn.OutputSize));
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void OneNetworkUsedFromTwoThreadsAtOnce_IsDetected()
    {
        var network = new ReliabilityCnn(seed: 3);
        const int batch = 256;
        float[] inputs = RandomInputs(batch * ReliabilityCnn.InputSize, seed: 4);
        int[] labels = new int[batch];
        InvalidOperationException? caught = null;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var start = new Barrier(2);

        void Hammer(bool train)
        {
            float[] outputs = new float[batch * ReliabilityCnn.OutputSize];
            start.SignalAndWait();
            while (!stop.IsCancellationRequested && Volatile.Read(ref caught) is null)
            {
                try
                {
                    if (train)
                    {
                        network.ComputeGradients(inputs, labels);
                    }
                    else
                    {
                        network.Forward(inputs, outputs);
                    }
                }
                catch (InvalidOperationException e)
                {
                    Interlocked.CompareExchange(ref caught, e, null);
                }
            }
        }

        var threads = new[] { new Thread(() => Hammer(train: true)), new Thread(() => Hammer(train: false)) };
        foreach (Thread thread in threads)
        {
            thread.Start();
        }

        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        Assert.NotNull(caught);
        Assert.Contains("used from two threads at once", caught.Message);
        Assert.Contains("ReliabilityCnn", caught.Message);

        // The instance is usable again once the threads are done: the flag is released even on the thrown path.
        float[] y = new float[ReliabilityCnn.OutputSize];
        network.Forward(inputs.AsSpan(0, ReliabilityCnn.InputSize), y);
    }

    [Fact]
    public void OnePredictorUsedFromTwoThreadsAtOnce_IsDetected()
    {
        INetworkPredictor predictor = new ReliabilityCnn(seed: 3).CreatePredictor();
        const int batch = 256;
        float[] inputs = RandomInputs(batch * ReliabilityCnn.InputSize, seed: 5);
        InvalidOperationException? caught = null;
        var clock = Stopwatch.StartNew();
        Parallel.For(0, 2, _ =>
        {
            float[] outputs = new float[batch * ReliabilityCnn.OutputSize];
            while (clock.Elapsed < TimeSpan.FromSeconds(20) && Volatile.Read(ref caught) is null)
            {
                try
                {
                    predictor.Forward(inputs, outputs);
                }
                catch (InvalidOperationException e)
                {
                    Interlocked.CompareExchange(ref caught, e, null);
                }
            }
        });

        Assert.NotNull(caught);
        Assert.Contains("predictor", caught.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ExceptionInsideForward_ReleasesTheInstance()
    {
        var network = new ReliabilityCnn(seed: 1) { NonFiniteCheck = true };
        float[] bad = new float[ReliabilityCnn.InputSize];
        bad[3] = float.NaN;
        float[] y = new float[ReliabilityCnn.OutputSize];
        Assert.Throws<NonFiniteException>(() => network.Forward(bad, y));
        network.Forward(new float[ReliabilityCnn.InputSize], y); // not "used from two threads"
    }

    internal static float[] RandomInputs(int count, int seed)
    {
        var random = new Random(seed);
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = (float)(random.NextDouble() * 2 - 1);
        }

        return values;
    }
}
