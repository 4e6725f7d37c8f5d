using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.IO;

namespace NetGen.Serialization;

/// <summary>
/// A safetensors file whose header has been read and validated: every tensor's byte range lies in the file, the
/// ranges tile the data buffer with no gap or overlap, and each range's length matches its dtype and shape. Reading a
/// tensor's values afterwards can only fail if the file changes underneath.
/// </summary>
internal sealed class SafeTensorsHeader
{
    private readonly Dictionary<string, SafeTensorsEntry> _byName;

    public SafeTensorsHeader(
        string fileName, long dataStart, IReadOnlyList<SafeTensorsEntry> entries, IReadOnlyDictionary<string, string> metadata)
    {
        FileName = fileName;
        DataStart = dataStart;
        Entries = entries;
        Metadata = metadata;
        _byName = new Dictionary<string, SafeTensorsEntry>(entries.Count, StringComparer.Ordinal);
        foreach (SafeTensorsEntry entry in entries)
        {
            _byName.Add(entry.Name, entry);
        }
    }

    /// <summary>The path the file was opened with.</summary>
    public string FileName { get; }

    /// <summary>The file offset of the data buffer: 8 plus the header length.</summary>
    public long DataStart { get; }

    /// <summary>The tensors in the order of their data.</summary>
    public IReadOnlyList<SafeTensorsEntry> Entries { get; }

    /// <summary>The <c>__metadata__</c> map; empty when the header has none.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Looks a tensor up by its name in the file.</summary>
    public bool TryGetEntry(string name, [MaybeNullWhen(false)] out SafeTensorsEntry entry) => _byName.TryGetValue(name, out entry);

    /// <summary>Reads one tensor of a dtype <see cref="SafeTensorsDType.IsConvertibleToSingle"/> accepts, as floats.</summary>
    /// <exception cref="CheckpointFormatException">The file is shorter than when its header was read.</exception>
    public float[] ReadSingles(Stream stream, SafeTensorsEntry entry)
    {
        if (entry.ElementCount > Array.MaxLength)
        {
            throw new CheckpointException(
                FileName,
                "tensor too large",
                [$"tensor '{entry.Name}' {entry.ShapeText} has {entry.ElementCount} elements, more than one array holds."]);
        }

        var values = new float[entry.ElementCount];
        const int chunkElements = 1 << 14;
        SafeTensorsDType.TryGetBits(entry.DType, out int bits);
        int bytesPerElement = bits / 8;
        byte[] buffer = new byte[Math.Min(values.Length, chunkElements) * bytesPerElement];
        stream.Position = DataStart + entry.Begin;
        for (int done = 0; done < values.Length; done += chunkElements)
        {
            int count = Math.Min(chunkElements, values.Length - done);
            Span<byte> bytes = buffer.AsSpan(0, count * bytesPerElement);
            try
            {
                stream.ReadExactly(bytes);
            }
            catch (EndOfStreamException e)
            {
                throw new CheckpointFormatException(
                    FileName,
                    stream.Length,
                    $"the file ended inside tensor '{entry.Name}', whose data should span bytes " +
                    $"{DataStart + entry.Begin} to {DataStart + entry.End}; was it truncated while being read?",
                    e);
            }

            SafeTensorsDType.ToSingle(entry.DType, bytes, values.AsSpan(done, count));
        }

        return values;
    }
}
