using System.Collections.Generic;

namespace NetGen.Serialization;

/// <summary>One tensor read from a checkpoint by <see cref="Checkpoint.ReadTensors"/>.</summary>
public sealed class CheckpointTensor
{
    internal CheckpointTensor(string dType, IReadOnlyList<int> shape, float[] values)
    {
        DType = dType;
        Shape = shape;
        Values = values;
    }

    /// <summary>The element type stored in the file: <c>F32</c> for NetGen's own files, else F16, BF16 or F64.</summary>
    public string DType { get; }

    /// <summary>The shape, outermost dimension first (empty for a scalar).</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>
    /// The values in row-major order, converted to float: exactly for F32, F16 and BF16, rounded to nearest for F64.
    /// A fresh array for each call to <see cref="Checkpoint.ReadTensors"/>.
    /// </summary>
    public float[] Values { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{DType} {SafeTensorsEntry.FormatShape(Shape)}";
}
