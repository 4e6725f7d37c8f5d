using NetGen.Onnx;
using Xunit;

namespace NetGen.Tests.Onnx;

/// <summary>The wire format against the encodings the protobuf documentation spells out byte by byte.</summary>
public class ProtobufWriterTests
{
    [Theory]
    [InlineData(0L, new byte[] { 0x08, 0x00 })]
    [InlineData(1L, new byte[] { 0x08, 0x01 })]
    [InlineData(127L, new byte[] { 0x08, 0x7F })]
    [InlineData(128L, new byte[] { 0x08, 0x80, 0x01 })]
    [InlineData(150L, new byte[] { 0x08, 0x96, 0x01 })]
    [InlineData(300L, new byte[] { 0x08, 0xAC, 0x02 })]
    [InlineData(-1L, new byte[] { 0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 })]
    [InlineData(long.MaxValue, new byte[] { 0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F })]
    public void Int64_IsATagThenAVarint(long value, byte[] expected)
    {
        var writer = new ProtobufWriter();

        writer.WriteInt64(1, value);

        Assert.Equal(expected, writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void LargeFieldNumbers_TakeMultiByteTags()
    {
        var writer = new ProtobufWriter();

        writer.WriteInt64(20, 7); // AttributeProto.type: (20 << 3) | 0 = 160

        Assert.Equal(new byte[] { 0xA0, 0x01, 0x07 }, writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void String_IsLengthDelimitedUtf8()
    {
        var writer = new ProtobufWriter();

        writer.WriteString(2, "testing");
        writer.WriteString(3, "é");

        Assert.Equal(new byte[] { 0x12, 0x07, (byte)'t', (byte)'e', (byte)'s', (byte)'t', (byte)'i', (byte)'n', (byte)'g', 0x1A, 0x02, 0xC3, 0xA9 }, writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Float_IsFixed32LittleEndian()
    {
        var writer = new ProtobufWriter();

        writer.WriteFloat(2, 1f);

        Assert.Equal(new byte[] { 0x15, 0x00, 0x00, 0x80, 0x3F }, writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Message_IsNestedWithItsLength()
    {
        var inner = new ProtobufWriter();
        inner.WriteInt64(1, 150);
        var outer = new ProtobufWriter();

        outer.WriteMessage(3, inner);

        Assert.Equal(new byte[] { 0x1A, 0x03, 0x08, 0x96, 0x01 }, outer.WrittenSpan.ToArray());
    }
}
