using System;
using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using Perfolizer.Horology;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace NetGen.Benchmarks;

/// <summary>The two ways the benchmarks run: timed, and the quick check CI runs.</summary>
public static class BenchmarkConfigs
{
    /// <summary>
    /// A short job for a small shared machine: one launch, 3 warm-up and 10 measured iterations of about 250 ms each,
    /// with the median, the allocations and the samples per second shown.
    /// </summary>
    public static IConfig Timed() => DefaultConfig.Instance
        .AddJob(Job.Default
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(10)
            .WithIterationTime(TimeInterval.FromMilliseconds(250))
            .WithId("Short"))
        .AddColumn(StatisticColumn.Median, new SamplesPerSecondColumn())
        .WithOptions(ConfigOptions.JoinSummary);

    /// <summary>
    /// Proves that every benchmark runs, without timing it: in process, one call each (BenchmarkDotNet's Dry job),
    /// each GlobalSetup checking NetGen against ONNX Runtime first.
    /// </summary>
    public static IConfig Quick() => DefaultConfig.Instance
        .AddJob(Job.Dry.WithToolchain(InProcessEmitToolchain.Instance).WithId("Quick"))
        .WithOptions(ConfigOptions.JoinSummary | ConfigOptions.DisableLogFile);

    /// <summary>0 when every benchmark case ran and produced a result; otherwise prints the failures and returns 1.</summary>
    public static int Verify(Summary[] summaries, bool quick)
    {
        BenchmarkReport[] reports = summaries.SelectMany(s => s.Reports).ToArray();
        int cases = summaries.Sum(s => s.BenchmarksCases.Length);
        string[] failed = reports.Where(r => !r.Success || r.ResultStatistics is null).Select(r => r.BenchmarkCase.DisplayInfo).ToArray();
        bool invalid = summaries.Any(s => s.HasCriticalValidationErrors);
        if (cases == 0 || invalid || failed.Length > 0 || reports.Length != cases)
        {
            Console.Error.WriteLine($"benchmarks: {cases} cases, {reports.Length} reports, {failed.Length} failed{(invalid ? ", critical validation errors" : "")}");
            foreach (string name in failed)
            {
                Console.Error.WriteLine($"  failed: {name}");
            }

            return 1;
        }

        Console.WriteLine($"benchmarks: all {cases} cases ran{(quick ? " (quick: untimed, each checked against ONNX Runtime)" : "")}");
        return 0;
    }
}
