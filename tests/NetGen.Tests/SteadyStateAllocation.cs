using System;
using System.Threading;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// Checks that a step allocates nothing once warm: the calling thread's allocated bytes
/// (<see cref="GC.GetAllocatedBytesForCurrentThread"/>) over a few calls.
/// </summary>
/// <remarks>
/// "Warm" means past the JIT's tiers, not only past the first call: the runtime recompiles hot methods after about 30
/// calls (in the background) and switches long-running loops to optimised code on the calling thread, which can count
/// a few kilobytes against that thread now and then. So the step runs 40 times, the runtime gets a moment to finish
/// its background compiles, and then up to three windows of three calls are measured: a step that allocates on every
/// call shows in every window; one window at 0 bytes proves the step itself allocates nothing.
/// </remarks>
internal static class SteadyStateAllocation
{
    public static void AssertNone(Action step, string what)
    {
        for (int i = 0; i < 40; i++)
        {
            step();
        }

        Thread.Sleep(250);
        step();
        long[] windows = new long[3];
        for (int w = 0; w < windows.Length; w++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 3; i++)
            {
                step();
            }

            windows[w] = GC.GetAllocatedBytesForCurrentThread() - before;
            if (windows[w] == 0)
            {
                return;
            }
        }

        Assert.Fail($"{what} allocated in every measured window of three warm calls: {string.Join(", ", windows)} bytes.");
    }
}
