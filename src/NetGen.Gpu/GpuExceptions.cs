using System;

namespace NetGen.Gpu;

/// <summary>No accelerator of the requested kind could be opened; <see cref="Exception.Message"/> lists each kind tried and why it failed.</summary>
public sealed class GpuUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GpuUnavailableException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

/// <summary>The accelerator could not allocate a device buffer; the message names the buffer and its size.</summary>
public sealed class GpuOutOfMemoryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GpuOutOfMemoryException(string buffer, long bytes, string accelerator, Exception innerException)
        : base($"Out of device memory on {accelerator}: could not allocate {buffer} ({bytes:N0} bytes).", innerException)
    {
        Buffer = buffer;
        Bytes = bytes;
    }

    /// <summary>What was being allocated.</summary>
    public string Buffer { get; }

    /// <summary>How many bytes were requested.</summary>
    public long Bytes { get; }
}
