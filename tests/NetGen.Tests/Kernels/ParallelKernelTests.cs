using System;
using System.Threading;
using System.Threading.Tasks;
using NetGen.Kernels;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests.Kernels;

/// <summary>Tests that change <see cref="Parallelism.MaxThreads"/> run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public class ThreadCountCollection
{
    public const string Name = "Thread count";
}

/// <summary>
/// The split of large kernels across threads: 1 and 2 threads give bit-identical results (and match float64 loops),
/// predictors running on several threads while the workers are busy stay correct, an exception in a worker's chunk
/// reaches the caller, and a warm split call allocates nothing.
/// </summary>
[Collection(ThreadCountCollection.Name)]
public class ParallelKernelTests
{
    [Theory]
    [InlineData(37, 53, 300)]  // split by rows, a short last block of rows
    [InlineData(3, 100, 800)]  // few rows, large B: split by columns
    [InlineData(1, 128, 784)]  // the MLP's first layer at batch 1
    [InlineData(64, 10, 128)]  // below the threshold for splitting: still correct
    public void DotRows_TwoThreads_BitIdenticalToOne(int m, int n, int k)
    {
        int lda = k + 1, ldb = k + 3, ldc = n + 2;
        float[] a = NetworkNumericsTests.RandomValues(m * lda, seed: 1, scale: 1f);
        float[] b = NetworkNumericsTests.RandomValues(n * ldb, seed: 2, scale: 1f);
        float[] c0 = NetworkNumericsTests.RandomValues(m * ldc, seed: 3, scale: 1f);
        float[] one = WithThreads(1, () => Run(c => Gemm.DotRows(a, lda, b, ldb, c, ldc, m, n, k, accumulate: true), c0));
        float[] two = WithThreads(2, () => Run(c => Gemm.DotRows(a, lda, b, ldb, c, ldc, m, n, k, accumulate: true), c0));
        Assert.Equal(one, two);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double expected = c0[i * ldc + j];
                for (int p = 0; p < k; p++)
                {
                    expected += (double)a[i * lda + p] * b[j * ldb + p];
                }

                Assert.True(Math.Abs(expected - two[i * ldc + j]) <= 1e-4 * (1 + Math.Abs(expected)), $"C[{i},{j}] = {two[i * ldc + j]}, expected {expected}");
            }

            Assert.Equal(c0[i * ldc + n], two[i * ldc + n]); // padding untouched
        }
    }

    [Theory]
    [InlineData(128, 784, 64, false)] // the MLP's weight gradient: dW += dZᵀ X
    [InlineData(64, 784, 128, true)]  // its input gradient: dX += dZ W
    [InlineData(41, 137, 190, false)] // short last blocks of rows and columns
    public void AccumulateOuter_TwoThreads_BitIdenticalToOne(int m, int n, int r, bool plain)
    {
        // plain: C += A B with A [m, r]; else C += Aᵀ B with A [r, m].
        int aRow = plain ? 1 : m, aCol = plain ? r : 1, ldb = n + 1, ldc = n;
        float[] a = NetworkNumericsTests.RandomValues(m * r, seed: 4, scale: 1f);
        float[] b = NetworkNumericsTests.RandomValues(r * ldb, seed: 5, scale: 1f);
        float[] c0 = NetworkNumericsTests.RandomValues(m * ldc, seed: 6, scale: 1f);
        float[] one = WithThreads(1, () => Run(c => Gemm.AccumulateOuter(a, aRow, aCol, b, ldb, c, ldc, m, n, r), c0));
        float[] two = WithThreads(2, () => Run(c => Gemm.AccumulateOuter(a, aRow, aCol, b, ldb, c, ldc, m, n, r), c0));
        Assert.Equal(one, two);
        for (int i = 0; i < m; i += 7)
        {
            for (int j = 0; j < n; j++)
            {
                double expected = c0[i * ldc + j];
                for (int p = 0; p < r; p++)
                {
                    expected += (double)a[p * aRow + i * aCol] * b[p * ldb + j];
                }

                Assert.True(Math.Abs(expected - two[i * ldc + j]) <= 1e-4 * (1 + Math.Abs(expected)), $"C[{i},{j}] = {two[i * ldc + j]}, expected {expected}");
            }
        }
    }

    [Fact]
    public void LeNet5_TrainingAndInference_BitIdenticalForOneTwoAndThreeThreads()
    {
        float[] images = NetworkNumericsTests.RandomValues(40 * LeNet5.InputSize, seed: 7, scale: 1f);
        int[] labels = new int[40];
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = i * 7 % 10;
        }

        (float Loss, float[] Gradients, float[] Outputs) Pass()
        {
            var network = new LeNet5(seed: 3);
            float loss = network.ComputeGradients(images, labels);
            float[] outputs = new float[40 * LeNet5.OutputSize];
            network.Forward(images, outputs);
            return (loss, network.Gradients.ToArray(), outputs);
        }

        var one = WithThreads(1, Pass);
        var two = WithThreads(2, Pass);
        var three = WithThreads(3, Pass);
        Assert.Equal(one.Loss, two.Loss);
        Assert.Equal(one.Gradients, two.Gradients);
        Assert.Equal(one.Outputs, two.Outputs);
        Assert.Equal(one.Gradients, three.Gradients);
        Assert.Equal(one.Outputs, three.Outputs);
    }

    [Fact]
    public void MnistMlp_TrainingStepAndOptimizers_BitIdenticalForOneAndTwoThreads()
    {
        float[] images = NetworkNumericsTests.RandomValues(64 * MnistMlp.InputSize, seed: 8, scale: 1f);
        int[] labels = new int[64];
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = i % 10;
        }

        // The gradients, then the parameters after two SGD steps with momentum and one Adam step, each of which is
        // split across the threads for a network this size.
        (float, float[], float[]) Pass()
        {
            var network = new MnistMlp(seed: 5);
            float loss = network.ComputeGradients(images, labels);
            float[] gradients = network.Gradients.ToArray();
            var sgd = new NetGen.Optimizers.Sgd(0.01f, momentum: 0.9f, weightDecay: 1e-3f);
            sgd.Step(network.Parameters, network.Gradients);
            sgd.Step(network.Parameters, network.Gradients);
            new NetGen.Optimizers.Adam(1e-3f).Step(network.Parameters, network.Gradients);
            return (loss, gradients, network.Parameters.ToArray());
        }

        (float lossOne, float[] gradientsOne, float[] parametersOne) = WithThreads(1, Pass);
        (float lossTwo, float[] gradientsTwo, float[] parametersTwo) = WithThreads(2, Pass);
        Assert.Equal(lossOne, lossTwo);
        Assert.Equal(gradientsOne, gradientsTwo);
        Assert.Equal(parametersOne, parametersTwo);
        Assert.NotEqual(new MnistMlp(seed: 5).Parameters.ToArray(), parametersOne); // the steps did move them
    }

    [Fact]
    public void Predictors_OnSeveralThreadsWhileWorkersAreBusy_MatchOneThread()
    {
        // Four threads run batch-64 forward passes at once: one of them owns the workers at a time and the others
        // run alone; every result must equal the one-thread result.
        var network = new MnistMlp(seed: 9);
        float[] images = NetworkNumericsTests.RandomValues(64 * MnistMlp.InputSize, seed: 10, scale: 1f);
        float[] expected = WithThreads(1, () =>
        {
            float[] outputs = new float[64 * MnistMlp.OutputSize];
            network.Forward(images, outputs);
            return outputs;
        });

        WithThreads(2, () =>
        {
            Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ =>
            {
                INetworkPredictor predictor = network.CreatePredictor();
                float[] outputs = new float[64 * MnistMlp.OutputSize];
                for (int round = 0; round < 20; round++)
                {
                    outputs.AsSpan().Clear();
                    predictor.Forward(images, outputs);
                    Assert.Equal(expected, outputs);
                }
            });
            return 0;
        });
    }

    [Fact]
    public void Run_ChunksRunOnTwoThreadsAtOnce()
    {
        // Each chunk waits (up to 10 s) until both have started: only possible if a worker runs one of them.
        var job = new MeetingJob(new int[1], new int[2]);
        WithThreads(2, () =>
        {
            KernelWorkers.Run(ref job, 2, 1, int.MaxValue);
            return 0;
        });
        Assert.Equal(2, job.Started[0]);
        Assert.NotEqual(job.Threads[0], job.Threads[1]);
    }

    [Fact]
    public void Run_ExceptionInAChunk_ReachesTheCallerAndTheWorkersStayUsable()
    {
        WithThreads(2, () =>
        {
            for (int failing = 0; failing < 2; failing++)
            {
                var job = new FailingJob(failing);
                InvalidOperationException e = Assert.Throws<InvalidOperationException>(() => KernelWorkers.Run(ref job, 2, 1, int.MaxValue));
                Assert.Equal($"chunk {failing}", e.Message);
            }

            return 0;
        });

        // Afterwards a split product is still right.
        DotRows_TwoThreads_BitIdenticalToOne(37, 53, 300);
    }

    [Fact]
    public void SplitCall_WhenWarm_AllocatesNothing()
    {
        const int m = 64, n = 128, k = 784;
        float[] a = NetworkNumericsTests.RandomValues(m * k, seed: 11, scale: 1f);
        float[] b = NetworkNumericsTests.RandomValues(n * k, seed: 12, scale: 1f);
        float[] c = new float[m * n];
        long allocated = WithThreads(2, () =>
        {
            Gemm.DotRows(a, k, b, k, c, n, m, n, k, accumulate: false); // warm: workers started
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 50; i++)
            {
                Gemm.DotRows(a, k, b, k, c, n, m, n, k, accumulate: false);
                Gemm.AccumulateOuter(a, 1, k, b, n, c, n, m, n, 64);
            }

            return GC.GetAllocatedBytesForCurrentThread() - before;
        });
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void PartCount_OneThread_IsOne() => WithThreads(1, () =>
    {
        Assert.Equal(1, KernelWorkers.PartCount(1000, 4, int.MaxValue));
        return 0;
    });

    [Fact]
    public void MaxThreads_OutOfRange_Throws()
    {
        ArgumentOutOfRangeException e = Assert.Throws<ArgumentOutOfRangeException>(() => Parallelism.MaxThreads = 0);
        Assert.Contains("MaxThreads", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Parallelism.MaxThreads = Parallelism.Limit + 1);
        Assert.InRange(Parallelism.MaxThreads, 1, Parallelism.Limit);
    }

    [Theory]
    [InlineData(null, -1)]
    [InlineData("", -1)]
    [InlineData(" 3 ", 3)]
    [InlineData("1", 1)]
    [InlineData("0", 1)]
    [InlineData("1000", Parallelism.Limit)]
    public void ThreadSetting_IntegersAreClampedAndUnsetMeansProcessorCount(string? text, int expected)
    {
        int want = expected == -1 ? Math.Clamp(Environment.ProcessorCount, 1, Parallelism.Limit) : expected;
        Assert.Equal(want, Parallelism.ParseThreadSetting(text));
    }

    [Theory]
    [InlineData("two")]
    [InlineData("2.5")]
    public void ThreadSetting_NotAWholeNumber_ThrowsNamingTheVariableAndValue(string text)
    {
        InvalidOperationException e = Assert.Throws<InvalidOperationException>(() => Parallelism.ParseThreadSetting(text));
        Assert.Contains(Parallelism.EnvironmentVariable, e.Message);
        Assert.Contains("'" + text + "'", e.Message);
    }

    [Fact]
    public void PartCount_FollowsMaxThreadsGrainAndCount() => WithThreads(2, () =>
    {
        Assert.Equal(1, KernelWorkers.PartCount(4, 4, int.MaxValue));   // one block
        Assert.Equal(2, KernelWorkers.PartCount(5, 4, int.MaxValue));
        Assert.Equal(8, KernelWorkers.PartCount(1000, 4, int.MaxValue)); // capped at four chunks per thread
        Assert.Equal(3, KernelWorkers.PartCount(9, 4, int.MaxValue));
        Assert.Equal(1, KernelWorkers.PartCount(1000, 4, 1));
        Assert.Equal(1, KernelWorkers.PartCount(0, 4, int.MaxValue));
        return 0;
    });

    private static float[] Run(Action<float[]> kernel, float[] initial)
    {
        float[] c = (float[])initial.Clone();
        kernel(c);
        return c;
    }

    internal static T WithThreads<T>(int threads, Func<T> body)
    {
        int saved = Parallelism.MaxThreads;
        Parallelism.MaxThreads = threads;
        try
        {
            return body();
        }
        finally
        {
            Parallelism.MaxThreads = saved;
        }
    }

    private readonly struct MeetingJob(int[] started, int[] threads) : IRangeJob
    {
        public int[] Started => started;

        public int[] Threads => threads;

        public void Run(int start, int end)
        {
            int[] count = started;
            threads[start] = Environment.CurrentManagedThreadId;
            Interlocked.Increment(ref count[0]);
            Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref count[0]) == 2, TimeSpan.FromSeconds(10)), "the other chunk never started");
        }
    }

    private readonly struct FailingJob(int failing) : IRangeJob
    {
        public void Run(int start, int end)
        {
            if (start == failing)
            {
                throw new InvalidOperationException($"chunk {failing}");
            }
        }
    }
}
