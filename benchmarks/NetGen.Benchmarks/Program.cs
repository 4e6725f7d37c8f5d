using System;
using System.Linq;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using NetGen.Benchmarks;

// dotnet run -c Release --project benchmarks/NetGen.Benchmarks -- --filter '*'    timed run (see docs/benchmarks.md)
// dotnet run -c Release --project benchmarks/NetGen.Benchmarks -- --quick         CI: every benchmark once, untimed
bool quick = args.Contains("--quick");
string[] rest = args.Where(a => a != "--quick").ToArray();
IConfig config = quick ? BenchmarkConfigs.Quick() : BenchmarkConfigs.Timed();

Summary[] summaries = quick
    ? BenchmarkRunner.Run(typeof(InferenceBenchmarks).Assembly, config, rest)
    : BenchmarkSwitcher.FromAssembly(typeof(InferenceBenchmarks).Assembly).Run(rest, config).ToArray();

return BenchmarkConfigs.Verify(summaries, quick);
