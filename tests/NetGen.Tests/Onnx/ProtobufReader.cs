using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace NetGen.Tests.Onnx;

/// <summary>
/// A minimal reader of the protobuf wire format, written independently of the exporter's writer, so that the tests
/// can look inside an exported model without ONNX Runtime: varints, fixed32, and length-delimited fields.
/// </summary>
internal sealed class ProtobufReader
{
    private readonly List<Field> _fields;

    private ProtobufReader(List<Field> fields) => _fields = fields;

    /// <summary>One field as read: its number, wire type, and either its varint/fixed32 value or its bytes.</summary>
    public readonly record struct Field(int Number, int WireType, ulong Value, byte[] Bytes)
    {
        public string String => Encoding.UTF8.GetString(Bytes);

        public ProtobufReader Message => Parse(Bytes);

        public float Float => BitConverter.Int32BitsToSingle((int)Value);
    }

    public static ProtobufReader Parse(byte[] message)
    {
        var fields = new List<Field>();
        int position = 0;
        while (position < message.Length)
        {
            ulong tag = ReadVarint(message, ref position);
            int number = (int)(tag >> 3);
            int wireType = (int)(tag & 7);
            switch (wireType)
            {
                case 0:
                    fields.Add(new Field(number, wireType, ReadVarint(message, ref position), []));
                    break;
                case 2:
                    int length = checked((int)ReadVarint(message, ref position));
                    fields.Add(new Field(number, wireType, 0, message.AsSpan(position, length).ToArray()));
                    position += length;
                    break;
                case 5:
                    fields.Add(new Field(number, wireType, BitConverter.ToUInt32(message, position), []));
                    position += 4;
                    break;
                default:
                    throw new FormatException($"wire type {wireType} at byte {position}");
            }
        }

        return new ProtobufReader(fields);
    }

    public IEnumerable<Field> All(int number) => _fields.Where(f => f.Number == number);

    public Field Single(int number) => _fields.Single(f => f.Number == number);

    public IReadOnlyList<Field> Fields => _fields;

    public static ulong ReadVarint(byte[] bytes, ref int position)
    {
        ulong value = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte b = bytes[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
