using System;
using ILGPU;
using ILGPU.Runtime;
using NetGen.Data;

namespace NetGen.Gpu;

/// <summary>
/// A whole <see cref="Dataset"/> resident on the device: its features <c>[Count, FeatureSize]</c> and either its class
/// labels or its float targets <c>[Count, TargetSize]</c>. Uploaded once; training epochs read it in place.
/// </summary>
public sealed class GpuDataset : IDisposable
{
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _features;
    private readonly MemoryBuffer1D<int, Stride1D.Dense>? _labels;
    private readonly MemoryBuffer1D<float, Stride1D.Dense>? _targets;

    private GpuDataset(Accelerator accelerator, Dataset data)
    {
        Accelerator = accelerator;
        Name = data.Name;
        Count = data.Count;
        FeatureSize = data.FeatureSize;
        ClassCount = data.ClassCount;
        TargetSize = data.TargetSize;
        _features = DeviceMemory.Allocate<float>(accelerator, (long)Count * FeatureSize, $"the features of {Name}");
        try
        {
            _features.View.BaseView.SubView(0, (long)Count * FeatureSize).CopyFromCPU(data.Features.AsSpan(0, Count * FeatureSize));
            if (data.Labels is { } labels)
            {
                _labels = DeviceMemory.Allocate<int>(accelerator, Count, $"the labels of {Name}");
                _labels.View.BaseView.SubView(0, Count).CopyFromCPU(labels.AsSpan(0, Count));
            }
            else
            {
                _targets = DeviceMemory.Allocate<float>(accelerator, (long)Count * TargetSize, $"the targets of {Name}");
                _targets.View.BaseView.SubView(0, (long)Count * TargetSize).CopyFromCPU(data.Targets!.AsSpan(0, Count * TargetSize));
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Uploads <paramref name="data"/> to <paramref name="accelerator"/>.</summary>
    /// <exception cref="GpuOutOfMemoryException">The device has no room for it.</exception>
    public static GpuDataset Create(Accelerator accelerator, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        ArgumentNullException.ThrowIfNull(data);
        return new GpuDataset(accelerator, data);
    }

    /// <summary>The accelerator holding the data.</summary>
    public Accelerator Accelerator { get; }

    /// <summary>The source dataset's name.</summary>
    public string Name { get; }

    /// <summary>Number of samples.</summary>
    public int Count { get; }

    /// <summary>Values per sample.</summary>
    public int FeatureSize { get; }

    /// <summary>Number of classes of a labelled dataset, else 0.</summary>
    public int ClassCount { get; }

    /// <summary>Targets per sample of a dataset with float targets, else 0.</summary>
    public int TargetSize { get; }

    /// <summary>Whether the samples carry class labels (else float targets).</summary>
    public bool HasLabels => _labels is not null;

    /// <summary>The features, <c>[Count, FeatureSize]</c>.</summary>
    public ArrayView<float> Features => _features.View.BaseView.SubView(0, (long)Count * FeatureSize);

    /// <summary>The labels, <c>[Count]</c>; empty for a dataset with targets.</summary>
    public ArrayView<int> Labels => _labels is null ? default : _labels.View.BaseView.SubView(0, Count);

    /// <summary>The targets, <c>[Count, TargetSize]</c>; empty for a labelled dataset.</summary>
    public ArrayView<float> Targets => _targets is null ? default : _targets.View.BaseView.SubView(0, (long)Count * TargetSize);

    /// <summary>Frees the device buffers.</summary>
    public void Dispose()
    {
        _features?.Dispose();
        _labels?.Dispose();
        _targets?.Dispose();
    }
}
