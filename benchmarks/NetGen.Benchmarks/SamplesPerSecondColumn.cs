using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Parameters;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace NetGen.Benchmarks;

/// <summary>
/// Throughput from the median: the benchmark's <c>Samples</c> parameter (a whole epoch) or else its <c>Batch</c>
/// parameter, divided by the median time of one call.
/// </summary>
public sealed class SamplesPerSecondColumn : IColumn
{
    /// <inheritdoc/>
    public string Id => nameof(SamplesPerSecondColumn);

    /// <inheritdoc/>
    public string ColumnName => "Samples/s";

    /// <inheritdoc/>
    public bool AlwaysShow => true;

    /// <inheritdoc/>
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc/>
    public int PriorityInCategory => 0;

    /// <inheritdoc/>
    public bool IsNumeric => true;

    /// <inheritdoc/>
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc/>
    public string Legend => "Samples (images) processed per second, from the median time per call";

    /// <inheritdoc/>
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc/>
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        double? median = summary[benchmarkCase]?.ResultStatistics?.Median;
        int? samples = SamplesPerCall(benchmarkCase);
        if (median is not > 0 || samples is null)
        {
            return "NA";
        }

        return (samples.Value / (median.Value * 1e-9)).ToString("N0", CultureInfo.InvariantCulture);
    }

    /// <summary>The images one call processes, from the case's parameters.</summary>
    public static int? SamplesPerCall(BenchmarkCase benchmarkCase)
    {
        foreach (string name in new[] { "Samples", "Batch" })
        {
            ParameterInstance? parameter = benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == name);
            if (parameter?.Value is int value)
            {
                return value;
            }
        }

        return null;
    }
}
