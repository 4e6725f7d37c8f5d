using System.Collections.Generic;

namespace NetGen.Data;

/// <summary>A dataset read from a CSV file, with the names the file gave its columns and classes.</summary>
public sealed class CsvDataset
{
    internal CsvDataset(Dataset dataset, IReadOnlyList<string> featureNames, IReadOnlyList<string> targetNames, IReadOnlyList<string> classNames)
    {
        Dataset = dataset;
        FeatureNames = featureNames;
        TargetNames = targetNames;
        ClassNames = classNames;
    }

    /// <summary>The samples.</summary>
    public Dataset Dataset { get; }

    /// <summary>
    /// The feature columns' names, in the order of the features (the header's names, or <c>column N</c>, 1-based,
    /// for a file without a header).
    /// </summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The label column's name (classification) or the target columns' names, in target order (regression).</summary>
    public IReadOnlyList<string> TargetNames { get; }

    /// <summary>
    /// Class names by class index: the label texts in order of first appearance, or <c>"0"</c> .. <c>"k-1"</c> when
    /// every label is an integer. Empty for a regression dataset.
    /// </summary>
    public IReadOnlyList<string> ClassNames { get; }
}
