using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Kernels;

/// <summary>
/// The vector operations the matrix kernels need, over one vector width. The kernels are written once, generic over
/// this interface, and instantiated for <see cref="Simd512"/> where AVX-512 is accelerated and <see cref="Simd256"/>
/// otherwise, so the JIT compiles each to straight vector code.
/// </summary>
internal interface ISimd<TVector>
    where TVector : struct
{
    static abstract int Count { get; }

    static abstract TVector Zero { get; }

    static abstract TVector Load(ref float source);

    static abstract void Store(TVector value, ref float destination);

    static abstract TVector Broadcast(float value);

    /// <summary><c>a * b + c</c>, fused where the hardware has FMA.</summary>
    static abstract TVector MultiplyAdd(TVector a, TVector b, TVector c);

    static abstract float Sum(TVector value);

    /// <summary>
    /// The vector folded to 8 lanes, lane <c>i</c> holding <c>value[i] + value[i + 8]</c> (the value itself when it has
    /// 8 lanes): the first step of <see cref="Sums.Of8"/>'s reduction.
    /// </summary>
    static abstract Vector256<float> Fold(TVector value);

    /// <summary>A vector whose first <paramref name="count"/> lanes are zero and the others all bits set.</summary>
    static abstract TVector TailMask(int count);

    static abstract TVector And(TVector value, TVector mask);
}

internal readonly struct Simd512 : ISimd<Vector512<float>>
{
    public static int Count => Vector512<float>.Count;

    public static Vector512<float> Zero => Vector512<float>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load(ref float source) => Vector512.LoadUnsafe(ref source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<float> value, ref float destination) => value.StoreUnsafe(ref destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Broadcast(float value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> MultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c) =>
        Vector512.FusedMultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector512<float> value) => Vector512.Sum(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Fold(Vector512<float> value) => value.GetLower() + value.GetUpper();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> TailMask(int count) =>
        Vector512.GreaterThanOrEqual(Vector512<int>.Indices, Vector512.Create(count)).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> And(Vector512<float> value, Vector512<float> mask) => Vector512.BitwiseAnd(value, mask);
}

internal readonly struct Simd256 : ISimd<Vector256<float>>
{
    public static int Count => Vector256<float>.Count;

    public static Vector256<float> Zero => Vector256<float>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load(ref float source) => Vector256.LoadUnsafe(ref source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<float> value, ref float destination) => value.StoreUnsafe(ref destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Broadcast(float value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) =>
        Vector256.FusedMultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector256<float> value) => Vector256.Sum(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Fold(Vector256<float> value) => value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> TailMask(int count) =>
        Vector256.GreaterThanOrEqual(Vector256<int>.Indices, Vector256.Create(count)).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> And(Vector256<float> value, Vector256<float> mask) => Vector256.BitwiseAnd(value, mask);
}

/// <summary>Horizontal sums of several accumulators at once, in one fixed order.</summary>
internal static class Sums
{
    /// <summary>
    /// Lane <c>j</c> of the result is the sum of the 8 lanes <c>x</c> of <paramref name="d0"/>..<paramref name="d7"/>'s
    /// vector <c>j</c>, always in the order <c>((x0 + x2) + (x1 + x3)) + ((x4 + x6) + (x5 + x7))</c>, whatever the
    /// other vectors hold: so one sum computed alone (the others zero) equals the same sum computed among seven others,
    /// which keeps the matrix kernels' one-row, four-row and single-dot paths bit-identical to each other.
    /// </summary>
    /// <remarks>
    /// Eight sums for about twenty shuffles and adds, where eight separate horizontal sums take about eighty
    /// instructions: it matters for dot products of a few hundred values (a dense layer at batch 1).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Of8(
        Vector256<float> d0, Vector256<float> d1, Vector256<float> d2, Vector256<float> d3,
        Vector256<float> d4, Vector256<float> d5, Vector256<float> d6, Vector256<float> d7)
    {
        if (Avx.IsSupported)
        {
            // Per 128-bit half: t01 = [d0 x0+x2, d1 x0+x2, d0 x1+x3, d1 x1+x3], likewise for lanes 4-7.
            Vector256<float> t01 = Avx.UnpackLow(d0, d1) + Avx.UnpackHigh(d0, d1);
            Vector256<float> t23 = Avx.UnpackLow(d2, d3) + Avx.UnpackHigh(d2, d3);
            Vector256<float> t45 = Avx.UnpackLow(d4, d5) + Avx.UnpackHigh(d4, d5);
            Vector256<float> t67 = Avx.UnpackLow(d6, d7) + Avx.UnpackHigh(d6, d7);

            // u0123 = [d0, d1, d2, d3 each (x0+x2)+(x1+x3) | the same over lanes 4-7].
            Vector256<float> u0123 = Avx.Shuffle(t01, t23, 0b01_00_01_00) + Avx.Shuffle(t01, t23, 0b11_10_11_10);
            Vector256<float> u4567 = Avx.Shuffle(t45, t67, 0b01_00_01_00) + Avx.Shuffle(t45, t67, 0b11_10_11_10);

            // The low halves (lanes 0-3 of every vector) plus the high halves (lanes 4-7).
            return Avx.Permute2x128(u0123, u4567, 0x20) + Avx.Permute2x128(u0123, u4567, 0x31);
        }

        return Vector256.Create(Of1(d0), Of1(d1), Of1(d2), Of1(d3), Of1(d4), Of1(d5), Of1(d6), Of1(d7));
    }

    /// <summary>One vector's sum in <see cref="Of8"/>'s order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Of1(Vector256<float> x) =>
        ((x.GetElement(0) + x.GetElement(2)) + (x.GetElement(1) + x.GetElement(3)))
        + ((x.GetElement(4) + x.GetElement(6)) + (x.GetElement(5) + x.GetElement(7)));
}
