using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace NetGen.Serialization;

/// <summary>
/// The element types a safetensors header may name, with their sizes in bits, and the conversion of the
/// floating-point ones to <see cref="float"/>.
/// </summary>
/// <remarks>
/// The names are those of the reference implementation's <c>Dtype</c> enum (huggingface/safetensors,
/// <c>safetensors/src/tensor.rs</c>), including the sub-byte floats (<c>F4</c>, <c>F6_*</c>) whose tensors must
/// still fill whole bytes. A name outside this table makes the file invalid.
/// </remarks>
internal static class SafeTensorsDType
{
    /// <summary>The only element type NetGen writes and loads into a network.</summary>
    public const string F32 = "F32";

    private static readonly Dictionary<string, int> BitsByName = new(StringComparer.Ordinal)
    {
        ["BOOL"] = 8,
        ["F4"] = 4,
        ["F6_E2M3"] = 6,
        ["F6_E3M2"] = 6,
        ["U8"] = 8,
        ["I8"] = 8,
        ["F8_E5M2"] = 8,
        ["F8_E4M3"] = 8,
        ["F8_E8M0"] = 8,
        ["I16"] = 16,
        ["U16"] = 16,
        ["F16"] = 16,
        ["BF16"] = 16,
        ["I32"] = 32,
        ["U32"] = 32,
        ["F32"] = 32,
        ["F64"] = 64,
        ["C64"] = 64,
        ["I64"] = 64,
        ["U64"] = 64,
    };

    /// <summary>All names, for error messages.</summary>
    public static string KnownNames => string.Join(", ", BitsByName.Keys);

    /// <summary>The size of one element in bits, or false for a name the format does not define.</summary>
    public static bool TryGetBits(string name, out int bits) => BitsByName.TryGetValue(name, out bits);

    /// <summary>Whether <see cref="ToSingle"/> can convert elements of this type: F32, F16, BF16 and F64.</summary>
    public static bool IsConvertibleToSingle(string name) => name is "F32" or "F16" or "BF16" or "F64";

    /// <summary>
    /// Converts little-endian elements to floats: F32 is copied, F16 and BF16 widen exactly, F64 rounds to nearest.
    /// </summary>
    public static void ToSingle(string name, ReadOnlySpan<byte> source, Span<float> destination)
    {
        switch (name)
        {
            case "F32" when BitConverter.IsLittleEndian:
                MemoryMarshal.Cast<byte, float>(source).CopyTo(destination);
                break;
            case "F32":
                for (int i = 0; i < destination.Length; i++)
                {
                    destination[i] = BinaryPrimitives.ReadSingleLittleEndian(source.Slice(4 * i, 4));
                }

                break;
            case "F16":
                for (int i = 0; i < destination.Length; i++)
                {
                    destination[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(source.Slice(2 * i, 2));
                }

                break;
            case "BF16":
                for (int i = 0; i < destination.Length; i++)
                {
                    int bits = BinaryPrimitives.ReadUInt16LittleEndian(source.Slice(2 * i, 2)) << 16;
                    destination[i] = BitConverter.Int32BitsToSingle(bits);
                }

                break;
            case "F64":
                for (int i = 0; i < destination.Length; i++)
                {
                    destination[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(source.Slice(8 * i, 8));
                }

                break;
            default:
                throw new ArgumentException($"dtype {name} cannot be converted to float.", nameof(name));
        }
    }
}
