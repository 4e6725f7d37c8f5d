using System;
using System.Globalization;

namespace NetGen;

/// <summary>
/// How many threads NetGen's kernels may use for one call: the calling thread plus up to <c>MaxThreads - 1</c>
/// background workers that large matrix products and convolutions are split across. See <c>docs/concurrency.md</c>.
/// </summary>
/// <remarks>
/// The default is the <c>NETGEN_THREADS</c> environment variable when it is set, else <see cref="Environment.ProcessorCount"/>.
/// Splitting never changes a result: every output element is summed in the same order whatever the thread count, so
/// 1 and N threads give bit-identical outputs and gradients. Small products (batch 1, small layers) always run on the
/// calling thread. When the workers are already busy with another call (several networks or predictors running on
/// different threads), a call simply runs on its own thread.
/// </remarks>
public static class Parallelism
{
    /// <summary>The environment variable read for the default of <see cref="MaxThreads"/>.</summary>
    public const string EnvironmentVariable = "NETGEN_THREADS";

    /// <summary>The largest value <see cref="MaxThreads"/> accepts.</summary>
    public const int Limit = 64;

    // 0 until first read: the environment variable is read then, so a bad value is reported by the call that reads it
    // (as an InvalidOperationException, not wrapped in a TypeInitializationException).
    private static int s_maxThreads;

    /// <summary>
    /// The most threads (calling thread included) one kernel call may use, 1 to <see cref="Limit"/>; 1 turns the
    /// workers off. Changing it takes effect at the next kernel call; a call already running keeps its split. Raising it
    /// starts the extra workers at once (on the default value they start at the first call large enough to split).
    /// </summary>
    public static int MaxThreads
    {
        get
        {
            int threads = System.Threading.Volatile.Read(ref s_maxThreads);
            if (threads == 0)
            {
                threads = ParseThreadSetting(Environment.GetEnvironmentVariable(EnvironmentVariable));
                System.Threading.Interlocked.CompareExchange(ref s_maxThreads, threads, 0);
                threads = s_maxThreads;
            }

            return threads;
        }
        set
        {
            if (value < 1 || value > Limit)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, $"Parallelism.MaxThreads must be between 1 and {Limit}; got {value}.");
            }

            // Start the workers now, on this thread, so that no kernel call that sees the new value allocates.
            Kernels.KernelWorkers.EnsureWorkers(value - 1);
            s_maxThreads = value;
        }
    }

    /// <summary>
    /// <c>NETGEN_THREADS</c> when it holds an integer (clamped to 1..<see cref="Limit"/>), else the processor count.
    /// A value that is not an integer is an error, reported by the first read of <see cref="MaxThreads"/>.
    /// </summary>
    internal static int ParseThreadSetting(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Math.Clamp(Environment.ProcessorCount, 1, Limit);
        }

        if (!int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int threads))
        {
            throw new InvalidOperationException(
                $"The environment variable {EnvironmentVariable} must be a whole number of threads (1 to {Limit}); got '{text}'.");
        }

        return Math.Clamp(threads, 1, Limit);
    }
}
