using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace NetGen.Kernels;

/// <summary>A piece of kernel work over a range of indices (rows, samples), run on several threads at once.</summary>
/// <remarks>
/// Jobs are structs holding raw pointers to the spans of one kernel call, pinned by that call for as long as it waits
/// for the workers, so handing them to another thread allocates nothing.
/// </remarks>
internal interface IRangeJob
{
    /// <summary>Does the work for indices <c>start &lt;= i &lt; end</c>.</summary>
    void Run(int start, int end);
}

/// <summary>
/// The persistent background workers the kernels split large calls across: <see cref="Parallelism.MaxThreads"/> - 1
/// threads, created on first need and kept for the life of the process.
/// </summary>
/// <remarks>
/// <para>One call owns the workers at a time. <see cref="Run"/> claims them with one interlocked exchange; a call that
/// finds them taken (another thread's network, or a kernel nested inside a job) runs its whole range on its own thread,
/// so nothing ever waits for a busy worker and nothing can deadlock.</para>
/// <para>The range is cut into a few chunks per thread. The calling thread claims chunks from the front of the range
/// and the workers from the back, through one shared word, so a worker the operating system has not scheduled yet
/// costs nothing (the caller goes on claiming and waits only for chunks a worker has actually started), and with two
/// threads the caller keeps working on the first part of the range call after call: the weights it reads in one
/// kernel and the gradients it writes in the next stay in its own cache when the kernels split the same parameters
/// the same way. Which thread runs a chunk never changes what it computes.</para>
/// <para>Signalling allocates nothing: the caller writes the job into static fields and publishes a new generation in
/// the claim counter; an idle worker spins on that counter for <see cref="SpinMicroseconds"/> after its last job (long
/// enough to bridge the gap between two layers), then blocks on an event of its own, which the caller sets. An
/// exception thrown by any chunk is rethrown on the caller once every claimed chunk has ended.</para>
/// </remarks>
internal static unsafe class KernelWorkers
{
    /// <summary>How long an idle worker spins before it blocks.</summary>
    private const int SpinMicroseconds = 100;

    /// <summary>Chunks per thread a range is cut into at most.</summary>
    private const int ChunksPerThread = 4;

    private static readonly object s_growLock = new();
    private static Worker[] s_workers = [];
    private static int s_busy;
    private static int s_generation;

    // The job of the current generation, written by the owning caller before it publishes the generation and left
    // alone until every chunk of it is done.
    private static delegate*<void*, int, int, void> s_function;
    private static void* s_state;
    private static int s_count, s_grain, s_blocks;
    private static int s_done;
    private static ExceptionDispatchInfo? s_error;

    /// <summary>
    /// Generation (high 32 bits), the end of the unclaimed chunks (bits 16-31) and the first unclaimed chunk
    /// (bits 0-15): the caller claims at the front, the workers at the back, until the two meet.
    /// </summary>
    private static long s_claims;

    /// <summary>The chunk count of the current generation.</summary>
    private static int s_parts;

    /// <summary>
    /// Runs <paramref name="job"/> over <c>[0, count)</c>, split into at most <paramref name="maxParts"/> contiguous
    /// chunks (and at most <see cref="Parallelism.MaxThreads"/>) whose boundaries are multiples of
    /// <paramref name="grain"/>, shared between the calling thread and the workers. Runs it whole on the calling
    /// thread when only one chunk results or the workers are busy.
    /// </summary>
    public static void Run<TJob>(ref TJob job, int count, int grain, int maxParts)
        where TJob : struct, IRangeJob
    {
        int parts = PartCount(count, grain, maxParts);
        if (parts <= 1 || Interlocked.CompareExchange(ref s_busy, 1, 0) != 0)
        {
            job.Run(0, count);
            return;
        }

        try
        {
            int helpers = Math.Min(parts, Parallelism.MaxThreads) - 1;
            Worker[] workers = Workers(helpers);
            TJob local = job; // on this stack frame, which outlives every chunk
            s_function = &Invoke<TJob>;
            s_state = Unsafe.AsPointer(ref local);
            s_count = count;
            s_grain = grain;
            s_blocks = (count + grain - 1) / grain;
            s_done = 0;
            s_error = null;
            s_parts = parts;
            int generation = ++s_generation;
            Interlocked.Exchange(ref s_claims, ((long)generation << 32) | ((long)parts << 16)); // publishes the fields
            for (int t = 0; t < helpers; t++)
            {
                workers[t].Wake();
            }

            RunChunks(generation, front: true);
            var spinner = default(SpinWait);
            while (Volatile.Read(ref s_done) != parts)
            {
                spinner.SpinOnce(sleep1Threshold: -1);
            }

            s_error?.Throw();
        }
        finally
        {
            Volatile.Write(ref s_busy, 0);
        }
    }

    /// <summary>
    /// The number of chunks <see cref="Run"/> would use for this range, 1 meaning the calling thread alone: up to
    /// <see cref="ChunksPerThread"/> per thread, so that a thread slowed down by other processes leaves its remaining
    /// chunks to the others.
    /// </summary>
    public static int PartCount(int count, int grain, int maxParts)
    {
        int threads = Parallelism.MaxThreads;
        if (threads <= 1 || count <= 0)
        {
            return 1;
        }

        int blocks = (count + grain - 1) / grain;
        return Math.Max(1, Math.Min(Math.Min(blocks, maxParts), threads * ChunksPerThread));
    }

    /// <summary>
    /// Claims and runs chunks of <paramref name="generation"/> until none is left, from the front of the range (the
    /// caller) or from its back (the workers).
    /// </summary>
    private static void RunChunks(int generation, bool front)
    {
        while (true)
        {
            long claims = Volatile.Read(ref s_claims);
            int back = (int)(claims >> 16) & 0xFFFF, next = (int)claims & 0xFFFF;
            if ((int)(claims >> 32) != generation || next >= back)
            {
                return;
            }

            int chunk = front ? next : back - 1;
            long claimed = front ? claims + 1 : claims - (1L << 16);
            if (Interlocked.CompareExchange(ref s_claims, claimed, claims) != claims)
            {
                continue;
            }

            // Claimed: the job fields stay valid until this chunk is counted done.
            try
            {
                int parts = s_parts;
                int start = Math.Min(s_count, (int)((long)s_blocks * chunk / parts) * s_grain);
                int end = Math.Min(s_count, (int)((long)s_blocks * (chunk + 1) / parts) * s_grain);
                s_function(s_state, start, end);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref s_error, ExceptionDispatchInfo.Capture(e), null);
            }

            Interlocked.Increment(ref s_done);
        }
    }

    private static void Invoke<TJob>(void* state, int start, int end)
        where TJob : struct, IRangeJob
        => Unsafe.AsRef<TJob>(state).Run(start, end);

    /// <summary>Starts workers until there are at least <paramref name="count"/>.</summary>
    public static void EnsureWorkers(int count) => Workers(count);

    /// <summary>At least <paramref name="count"/> workers, created the first time they are needed.</summary>
    private static Worker[] Workers(int count)
    {
        Worker[] workers = s_workers;
        if (workers.Length >= count)
        {
            return workers;
        }

        lock (s_growLock)
        {
            if (s_workers.Length < count)
            {
                Worker[] grown = new Worker[count];
                Array.Copy(s_workers, grown, s_workers.Length);
                for (int i = s_workers.Length; i < count; i++)
                {
                    grown[i] = new Worker(i + 1);
                }

                Volatile.Write(ref s_workers, grown);
            }

            return s_workers;
        }
    }

    private sealed class Worker
    {
        private readonly ManualResetEventSlim _wake = new(false, 0);

        public Worker(int index)
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = $"NetGen kernel worker {index}" };
            thread.Start();
        }

        /// <summary>Wakes the worker if it blocked; cheap (no waiter to signal) while it spins.</summary>
        public void Wake() => _wake.Set();

        private void Loop()
        {
            long spinTicks = Stopwatch.Frequency * SpinMicroseconds / 1_000_000;
            int seen = Volatile.Read(ref s_generation);
            while (true)
            {
                long until = Stopwatch.GetTimestamp() + spinTicks;
                int generation;
                while ((generation = (int)(Volatile.Read(ref s_claims) >> 32)) == seen)
                {
                    if (Stopwatch.GetTimestamp() < until)
                    {
                        Thread.SpinWait(16);
                        continue;
                    }

                    _wake.Reset();
                    Interlocked.MemoryBarrier(); // the reset must land before the counter is read again
                    if ((int)(Volatile.Read(ref s_claims) >> 32) == seen)
                    {
                        _wake.Wait();
                    }
                }

                seen = generation;
                RunChunks(generation, front: false);
            }
        }
    }
}
