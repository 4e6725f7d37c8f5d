using System;
using System.Buffers.Binary;
using System.IO;
using System.Text;
using NetGen.Optimizers;
using NetGen.Serialization;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests.Serialization;

/// <summary>
/// Corrupt, truncated and malformed files raise <see cref="CheckpointFormatException"/> naming the file and the byte,
/// never another exception type, and leave the target network and optimizer untouched.
/// </summary>
public class CheckpointCorruptionTests
{
    private const string OneTensor = """{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""";

    [Fact]
    public void TruncatedAtEveryOffset_ThrowsFormatException_AndChangesNothing()
    {
        using var directory = new TemporaryDirectory();
        byte[] bytes = SavedWithAdam(directory);
        string path = directory.File("truncated.safetensors");
        var target = new SigmoidMse(2);
        var adam = new Adam(0.02f);
        int[] before = CheckpointTraining.Bits(target.Parameters);

        for (int length = 0; length < bytes.Length; length++)
        {
            File.WriteAllBytes(path, bytes.AsSpan(0, length).ToArray());
            var e = Assert.Throws<CheckpointFormatException>(() => Checkpoint.Load(path, target, adam));
            AssertNamesFile(e, path, length);
            AssertNamesFile(Assert.Throws<CheckpointFormatException>(() => Checkpoint.ReadTensors(path)), path, length);
            AssertNamesFile(Assert.Throws<CheckpointFormatException>(() => Checkpoint.ReadMetadata(path)), path, length);
        }

        Assert.Equal(before, CheckpointTraining.Bits(target.Parameters));
        Assert.Equal(0, adam.StepCount);
        Assert.Equal(0.02f, adam.LearningRate);
    }

    [Fact]
    public void ByteFlipsInTheHeader_ThrowOnlyCheckpointExceptions_AndChangeNothingWhenThey()
    {
        using var directory = new TemporaryDirectory();
        byte[] bytes = SavedWithAdam(directory);
        string path = directory.File("flipped.safetensors");
        long headerEnd = 8 + SafeTensorsBytes.HeaderLength(bytes);
        int failures = 0;

        for (int position = 0; position < headerEnd; position++)
        {
            for (int bit = 0; bit < 8; bit++)
            {
                byte[] corrupt = (byte[])bytes.Clone();
                corrupt[position] ^= (byte)(1 << bit);
                File.WriteAllBytes(path, corrupt);
                var target = new SigmoidMse(2);
                var adam = new Adam(0.02f);
                int[] before = CheckpointTraining.Bits(target.Parameters);
                try
                {
                    Checkpoint.Load(path, target, adam);
                    Assert.True(position >= 8, "a changed header length must never load");
                }
                catch (Exception e)
                {
                    failures++;
                    var checkpoint = Assert.IsAssignableFrom<CheckpointException>(e);
                    Assert.Equal(path, checkpoint.FileName);
                    Assert.Contains(path, checkpoint.Message, StringComparison.Ordinal);
                    if (checkpoint is CheckpointFormatException format)
                    {
                        Assert.InRange(format.Offset, 0, corrupt.Length);
                    }
                    else
                    {
                        Assert.True(position >= 8, $"flipping bit {bit} of length byte {position} gave {e.Message}");
                    }

                    Assert.Equal(before, CheckpointTraining.Bits(target.Parameters));
                    Assert.Equal(0, adam.StepCount);
                    Assert.Equal(0.02f, adam.LearningRate);
                }
            }
        }

        // Most flips break the JSON, a name or a number; a few only change the learning rate or the step count.
        Assert.True(failures > 0.5 * 8 * headerEnd, $"{failures} of {8 * headerEnd} flips failed");
    }

    [Fact]
    public void HeaderLengthLargerThanTheFile_ThrowsFormatException()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File("long.safetensors");
        byte[] bytes = SafeTensorsBytes.File(OneTensor, new byte[4]);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)bytes.Length);
        File.WriteAllBytes(path, bytes);

        var e = Assert.Throws<CheckpointFormatException>(() => Checkpoint.Load(path, new SigmoidMse(1)));
        Assert.Equal(0, e.Offset);
        Assert.Contains(
            $"the header length field says {bytes.Length} bytes, but only {bytes.Length - 8} bytes follow it",
            e.Message,
            StringComparison.Ordinal);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(100_000_000UL, "the header length field says 100000000 bytes, but only 58 bytes follow it")]
    [InlineData(100_000_001UL, "the header length field says 100000001 bytes, above the format's limit of 100000000 bytes")]
    [InlineData(1UL << 63, "the header length field says 9223372036854775808 bytes, above the format's limit")]
    [InlineData(ulong.MaxValue, "the header length field says 18446744073709551615 bytes, above the format's limit")]
    public void HugeHeaderLength_ThrowsBeforeAllocating(ulong length, string expected)
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File("huge.safetensors");
        byte[] bytes = SafeTensorsBytes.File(OneTensor, new byte[4]);
        Assert.Equal(8 + 58, bytes.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, length);
        File.WriteAllBytes(path, bytes);

        long allocated = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<CheckpointFormatException>(() => Checkpoint.ReadTensors(path));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocated < 1_000_000, "nothing sized by the header was allocated");
        Assert.Equal(0, e.Offset);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, int, string, string> MalformedHeaders => new()
    {
        // header, data bytes, expected text, where: "@text" = the header's last occurrence of text, "eof", "data+N", or a number
        { "[]", 0, "expected a JSON object beginning with '{'", "8" },
        { " {}", 0, "begins with byte 0x20", "8" },
        { "{", 0, "not valid JSON", "" },
        { "{}x", 0, "not valid JSON", "@x" },
        { "{\n  \"a\": x}", 0, "not valid JSON", "@x" },
        { "{/* c */}", 0, "not valid JSON", "" },
        { """{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", 8, "the key 'a' appears twice", "@\"a\"" },
        { """{"__metadata__":{},"__metadata__":{}}""", 0, "the key '__metadata__' appears twice", "@\"__metadata__\"" },
        { """{"__metadata__":{"k":"1","k":"2"}}""", 0, "the metadata key 'k' appears twice", "@\"k\"" },
        { """{"a":{"dtype":"F32","dtype":"F32","shape":[1],"data_offsets":[0,4]}}""", 4, "tensor 'a' has 'dtype' twice", "@\"dtype\"" },
        { """{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}""", 12, "data bytes 4 to 8 belong to no tensor", "@\"data_offsets\"" },
        { """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", 8, "tensor 'b' begins at data byte 4, inside tensor 'a'", "@\"data_offsets\"" },
        { """{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", 8, "data bytes 0 to 4 belong to no tensor", "@\"data_offsets\"" },
        { OneTensor, 8, "the tensors' data ends at file byte", "data+4" },
        { """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", 4, "the file is truncated", "eof" },
        { """{"a":{"dtype":"F32","shape":[1],"data_offsets":[8,4]}}""", 4, "which end before they begin", "@\"data_offsets\"" },
        { """{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}""", 8, "needs 12 bytes, but its data_offsets [0, 8] span 8", "@\"data_offsets\"" },
        { """{"a":{"dtype":"F31","shape":[1],"data_offsets":[0,4]}}""", 4, "tensor 'a' has dtype 'F31'; expected one of", "@\"F31\"" },
        { """{"a":{"dtype":32,"shape":[1],"data_offsets":[0,4]}}""", 4, "tensor 'a' has dtype a number", "@32" },
        { """{"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}""", 4, "shape element that is not an integer", "@-1" },
        { """{"a":{"dtype":"F32","shape":[1.5],"data_offsets":[0,4]}}""", 4, "shape element that is not an integer", "@1.5" },
        { """{"a":{"dtype":"F32","shape":[2147483648],"data_offsets":[0,4]}}""", 4, "shape element that is not an integer", "@2147483648" },
        { """{"a":{"dtype":"F32","shape":1,"data_offsets":[0,4]}}""", 4, "shape that is a number", "@1," },
        { """{"a":{"dtype":"F64","shape":[2147483647,2147483647,2147483647],"data_offsets":[0,8]}}""", 8, "whose size overflows", "@\"shape\"" },
        { """{"a":{"dtype":"F4","shape":[3],"data_offsets":[0,2]}}""", 2, "does not fill a whole number of bytes", "@\"data_offsets\"" },
        { """{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4,8]}}""", 4, "not two non-negative integers", "@[0,4,8]" },
        { """{"a":{"dtype":"F32","shape":[1],"data_offsets":[0]}}""", 4, "not two non-negative integers", "@[0]" },
        { """{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,-4]}}""", 4, "not two non-negative integers", "@[0,-4]" },
        { """{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,18446744073709551616]}}""", 4, "not two non-negative integers", "@[0," },
        { """{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,18446744073709551615]}}""", 4, "span 18446744073709551615", "@\"data_offsets\"" },
        { """{"a":{"dtype":"F32","shape":[1]}}""", 4, "tensor 'a' has no 'data_offsets'", "@\"a\"" },
        { """{"a":{"shape":[1],"data_offsets":[0,4]}}""", 4, "tensor 'a' has no 'dtype'", "@\"a\"" },
        { """{"a":3}""", 0, "tensor 'a' is a number; expected an object", "@3" },
        { """{"__metadata__":{"k":1}}""", 0, "metadata value 'k' is a number; the format allows only string values", "@1" },
        { """{"__metadata__":["k"]}""", 0, "'__metadata__' must be an object of string values, not an array", "@[" },
        { """{"\ud800":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""", 4, "unreadable string", "" },
    };

    [Theory]
    [MemberData(nameof(MalformedHeaders))]
    public void MalformedHeader_ThrowsFormatException_SayingWhatAndWhere(string header, int dataLength, string expected, string where)
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File("malformed.safetensors");
        byte[] bytes = SafeTensorsBytes.File(header, new byte[dataLength]);
        File.WriteAllBytes(path, bytes);

        var target = new SigmoidMse(1);
        int[] before = CheckpointTraining.Bits(target.Parameters);
        var e = Assert.Throws<CheckpointFormatException>(() => Checkpoint.Load(path, target, new Adam()));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Equal(path, e.FileName);
        long headerLength = Encoding.UTF8.GetByteCount(header);
        long? offset = where switch
        {
            "" => null,
            "eof" => bytes.Length,
            _ when where.StartsWith("data+", StringComparison.Ordinal) => 8 + headerLength + long.Parse(where[5..]),
            _ when where.StartsWith('@') => 8 + Encoding.UTF8.GetByteCount(header[..header.LastIndexOf(where[1..], StringComparison.Ordinal)]),
            _ => long.Parse(where),
        };
        if (offset is long exact)
        {
            Assert.Equal(exact, e.Offset);
        }
        else
        {
            Assert.InRange(e.Offset, 8, bytes.Length);
        }

        Assert.Contains($"at byte {e.Offset}", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, CheckpointTraining.Bits(target.Parameters));
        Assert.Throws<CheckpointFormatException>(() => Checkpoint.ReadTensors(path));
    }

    [Fact]
    public void InvalidUtf8InTheHeader_IsReportedAtItsByte()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File("utf8.safetensors");
        byte[] header = Encoding.UTF8.GetBytes(OneTensor);
        header[2] = 0xC3; // "a" becomes the start of a two-byte sequence followed by a quote
        File.WriteAllBytes(path, SafeTensorsBytes.File(header, new byte[4]));

        var e = Assert.Throws<CheckpointFormatException>(() => Checkpoint.ReadTensors(path));
        Assert.Equal(8 + 2, e.Offset);
        Assert.Contains("not valid UTF-8", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyHeader_AndEmptyFile_AreFormatErrors()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File("empty.safetensors");
        File.WriteAllBytes(path, new byte[8]);
        Assert.Contains("the header is empty", Assert.Throws<CheckpointFormatException>(() => Checkpoint.ReadTensors(path)).Message, StringComparison.Ordinal);
        File.WriteAllBytes(path, []);
        Assert.Contains("the file has 0 bytes", Assert.Throws<CheckpointFormatException>(() => Checkpoint.ReadTensors(path)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PaddingAndUnknownFields_AreAccepted_AsTheFormatAllows()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File("padded.safetensors");
        string header = """{"a":{"data_offsets":[0,4],"extra":{"x":[1,2]},"shape":[1],"dtype":"F32"}}""" + "       ";
        File.WriteAllBytes(path, SafeTensorsBytes.File(header, SafeTensorsBytes.F32(2.5f)));
        Assert.Equal([2.5f], Checkpoint.ReadTensors(path)["a"].Values);
    }

    [Fact]
    public void MissingFile_ThrowsFileNotFound()
    {
        using var directory = new TemporaryDirectory();
        Assert.Throws<FileNotFoundException>(() => Checkpoint.Load(directory.File("absent.safetensors"), new SigmoidMse(1)));
    }

    private static byte[] SavedWithAdam(TemporaryDirectory directory)
    {
        string path = directory.File("original.safetensors");
        var network = new SigmoidMse(1);
        var adam = new Adam();
        CheckpointTraining.Train(network, adam, 0, 2);
        Checkpoint.Save(path, network, adam, new CheckpointInfo { Epoch = 1 });
        return File.ReadAllBytes(path);
    }

    private static void AssertNamesFile(CheckpointFormatException e, string path, long fileLength)
    {
        Assert.Equal(path, e.FileName);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.InRange(e.Offset, 0, fileLength);
        Assert.Contains($"at byte {e.Offset}", e.Message, StringComparison.Ordinal);
    }
}
