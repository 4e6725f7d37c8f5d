using System;
using System.IO;
using NetGen.Optimizers;
using NetGen.Serialization;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests.Serialization;

/// <summary>
/// Saving writes a temporary file beside the target and moves it over the target only once complete, so a failure
/// leaves the previous checkpoint intact and no temporary file behind. Failures are injected through the internal
/// <c>Checkpoint.SaveCore</c> overload, which takes the factory that opens the temporary file.
/// </summary>
public class CheckpointAtomicityTests
{
    [Theory]
    [InlineData("nothing")]
    [InlineData("length field")]
    [InlineData("header")]
    [InlineData("parameters")]
    [InlineData("optimizer state")]
    [InlineData("last byte")]
    public void WriteFailingMidway_LeavesTheOldCheckpointIntact_AndNoTemporaryFile(string failingIn)
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File("model.safetensors");
        var network = new SigmoidMse(2);
        var adam = new Adam();
        CheckpointTraining.Train(network, adam, 0, 1);

        // Where the bytes go, from a complete save of the same network and optimizer.
        string complete = directory.File("complete.safetensors");
        Checkpoint.Save(complete, network, adam);
        byte[] completeBytes = File.ReadAllBytes(complete);
        File.Delete(complete);
        long dataStart = 8 + SafeTensorsBytes.HeaderLength(completeBytes);
        long failAfter = failingIn switch
        {
            "nothing" => 0,
            "length field" => 5,
            "header" => dataStart / 2,
            "parameters" => dataStart + 4 * SigmoidMse.ParameterCount / 2,
            "optimizer state" => dataStart + 4 * SigmoidMse.ParameterCount + 10,
            _ => completeBytes.Length - 1,
        };

        Checkpoint.Save(path, new SigmoidMse(1));
        byte[] old = File.ReadAllBytes(path);
        string? temporary = null;
        var e = Assert.Throws<IOException>(() => Checkpoint.SaveCore(
            path, network, adam, null, null,
            p =>
            {
                temporary = p;
                return new FailingStream(new FileStream(p, FileMode.CreateNew, FileAccess.Write), failAfter);
            }));

        Assert.Equal(FailingStream.Message, e.Message);
        Assert.NotNull(temporary);
        Assert.Equal(directory.Path, Path.GetDirectoryName(temporary));
        Assert.False(File.Exists(temporary));
        Assert.Equal(["model.safetensors"], directory.FileNames());
        Assert.Equal(old, File.ReadAllBytes(path));
    }

    [Fact]
    public void FailureWhileOpeningTheTemporaryFile_LeavesTheOldCheckpointIntact()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File("model.safetensors");
        Checkpoint.Save(path, new SigmoidMse(1));
        byte[] old = File.ReadAllBytes(path);

        Assert.Throws<UnauthorizedAccessException>(() => Checkpoint.SaveCore(
            path, new SigmoidMse(2), null, null, null, _ => throw new UnauthorizedAccessException("denied")));
        Assert.Equal(["model.safetensors"], directory.FileNames());
        Assert.Equal(old, File.ReadAllBytes(path));
    }

    [Fact]
    public void FailureInTheFinalMove_DeletesTheTemporaryFile()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File("taken");
        Directory.CreateDirectory(path); // a directory cannot be replaced by a file

        Assert.ThrowsAny<IOException>(() => Checkpoint.Save(path, new SigmoidMse(1)));
        Assert.Equal(["taken"], directory.FileNames());
        Assert.Empty(Directory.GetFileSystemEntries(path));
    }

    [Fact]
    public void SuccessfulSave_ReplacesTheOldCheckpoint_AndLeavesOnlyIt()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File("model.safetensors");
        Checkpoint.Save(path, new SigmoidMse(1));
        var newer = new SigmoidMse(2);
        Checkpoint.Save(path, newer);

        Assert.Equal(["model.safetensors"], directory.FileNames());
        var loaded = new SigmoidMse(3);
        Checkpoint.Load(path, loaded);
        Assert.Equal(CheckpointTraining.Bits(newer.Parameters), CheckpointTraining.Bits(loaded.Parameters));
    }

    [Fact]
    public void MissingDirectory_Throws_AndCreatesNothing()
    {
        using var directory = new TemporaryDirectory();
        string path = Path.Combine(directory.Path, "absent", "model.safetensors");
        Assert.Throws<DirectoryNotFoundException>(() => Checkpoint.Save(path, new SigmoidMse(1)));
        Assert.Empty(directory.FileNames());
    }

    [Fact]
    public void RelativePath_IsSavedBesideItsTarget()
    {
        using var directory = new TemporaryDirectory();
        string current = Environment.CurrentDirectory;
        try
        {
            Environment.CurrentDirectory = directory.Path;
            Checkpoint.Save("relative.safetensors", new SigmoidMse(1));
        }
        finally
        {
            Environment.CurrentDirectory = current;
        }

        Assert.Equal(["relative.safetensors"], directory.FileNames());
    }

    /// <summary>Passes writes through until <c>failAfter</c> bytes, then throws, as a full disk would.</summary>
    private sealed class FailingStream(Stream inner, long failAfter) : Stream
    {
        public const string Message = "injected write failure";

        private long _written;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (_written + buffer.Length > failAfter)
            {
                int allowed = (int)(failAfter - _written);
                inner.Write(buffer[..allowed]);
                _written = failAfter;
                inner.Flush();
                throw new IOException(Message);
            }

            inner.Write(buffer);
            _written += buffer.Length;
        }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
