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
/// <para>Signalling allocates nothing: the caller writes the job into the worker's slot and bumps a generation counter;
/// the worker spins on that counter for <see cref="SpinMicroseconds"/> after its last job, then blocks on an event the
/// caller sets only when it is asleep. The caller runs the first chunk itself and then spins until the workers have
/// finished theirs. An exception in a worker's chunk is rethrown on the caller once every chunk has ended.</para>
/// </remarks>
internal static unsafe class KernelWorkers
{
    /// <summary>How long an idle worker spins before it blocks: long enough to bridge the gap between two layers.</summary>
    private const int SpinMicroseconds = 100;

    private static readonly object s_growLock = new();
    private static Worker[] s_workers = [];
    private static int s_busy;

    /// <summary>
    /// Runs <paramref name="job"/> over <c>[0, count)</c>, split into at most <paramref name="maxParts"/> contiguous
    /// chunks (and at most <see cref="Parallelism.MaxThreads"/>) whose boundaries are multiples of
    /// <paramref name="grain"/>: the first on the calling thread, the others on workers. Runs it whole on the calling
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
            Worker[] workers = Workers(parts - 1);
            TJob local = job;
            void* state = Unsafe.AsPointer(ref local);
            int blocks = (count + grain - 1) / grain;
            int posted = 0;
            try
            {
                for (int t = 1; t < parts; t++)
                {
                    int start = Math.Min(count, (int)((long)blocks * t / parts) * grain);
                    int end = Math.Min(count, (int)((long)blocks * (t + 1) / parts) * grain);
                    workers[t - 1].Post(&Invoke<TJob>, state, start, end);
                    posted++;
                }

                local.Run(0, Math.Min(count, blocks / parts * grain));
            }
            finally
            {
                // The jobs point into this frame: wait for every posted chunk, even when the caller's own chunk threw.
                ExceptionDispatchInfo? error = null;
                for (int t = 0; t < posted; t++)
                {
                    error ??= workers[t].Wait();
                }

                error?.Throw();
            }
        }
        finally
        {
            Volatile.Write(ref s_busy, 0);
        }
    }

    /// <summary>The number of chunks <see cref="Run"/> would use for this range, 1 meaning the calling thread alone.</summary>
    public static int PartCount(int count, int grain, int maxParts)
    {
        int blocks = count <= 0 ? 0 : (count + grain - 1) / grain;
        return Math.Max(1, Math.Min(Math.Min(blocks, maxParts), Parallelism.MaxThreads));
    }

    private static void Invoke<TJob>(void* state, int start, int end)
        where TJob : struct, IRangeJob
        => Unsafe.AsRef<TJob>(state).Run(start, end);

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
        private delegate*<void*, int, int, void> _function;
        private void* _state;
        private int _start, _end;
        private int _posted, _completed;
        private ExceptionDispatchInfo? _error;

        public Worker(int index)
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = $"NetGen kernel worker {index}" };
            thread.Start();
        }

        public void Post(delegate*<void*, int, int, void> function, void* state, int start, int end)
        {
            _function = function;
            _state = state;
            _start = start;
            _end = end;
            _error = null;
            Interlocked.Increment(ref _posted); // a full fence: the slot is written before the worker sees the count
            _wake.Set();                        // cheap when the worker spins: an event nobody waits on
        }

        /// <summary>Waits until the last posted chunk is done; its exception, if it threw.</summary>
        public ExceptionDispatchInfo? Wait()
        {
            int target = Volatile.Read(ref _posted);
            var spinner = default(SpinWait);
            while (Volatile.Read(ref _completed) != target)
            {
                spinner.SpinOnce(sleep1Threshold: -1);
            }

            return _error;
        }

        private void Loop()
        {
            long spinTicks = Stopwatch.Frequency * SpinMicroseconds / 1_000_000;
            int seen = 0;
            while (true)
            {
                long until = Stopwatch.GetTimestamp() + spinTicks;
                while (Volatile.Read(ref _posted) == seen)
                {
                    if (Stopwatch.GetTimestamp() < until)
                    {
                        Thread.SpinWait(16);
                        continue;
                    }

                    _wake.Reset();
                    Interlocked.MemoryBarrier(); // the reset must land before the count is read again
                    if (Volatile.Read(ref _posted) == seen)
                    {
                        _wake.Wait();
                    }
                }

                seen = Volatile.Read(ref _posted);
                try
                {
                    _function(_state, _start, _end);
                }
                catch (Exception e)
                {
                    _error = ExceptionDispatchInfo.Capture(e);
                }

                Volatile.Write(ref _completed, seen);
            }
        }
    }
}
