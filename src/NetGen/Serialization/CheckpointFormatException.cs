using System;

namespace NetGen.Serialization;

/// <summary>
/// A file is not a valid safetensors file: truncated, a header length beyond the file or above the format's
/// 100 MB limit, a header that is not UTF-8 JSON of the expected shape, or tensor offsets that do not tile the data
/// buffer exactly. <see cref="Offset"/> is the byte of the file where the problem was found (the header starts at
/// byte 8, the data after it).
/// </summary>
public sealed class CheckpointFormatException : CheckpointException
{
    /// <summary>Creates the exception; <paramref name="expected"/> says what was found and what the format requires.</summary>
    public CheckpointFormatException(string fileName, long offset, string expected, Exception? innerException = null)
        : base(fileName, $"not a valid safetensors file at byte {offset}", [expected], innerException)
    {
        Offset = offset;
    }

    /// <summary>The byte offset in the file of the field or byte found wrong.</summary>
    public long Offset { get; }
}
