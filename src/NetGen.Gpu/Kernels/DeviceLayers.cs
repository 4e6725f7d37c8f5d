using ILGPU;
using ILGPU.Algorithms;

namespace NetGen.Gpu.Kernels;

/// <summary>
/// Bodies of the layer kernels, called by the kernels the generator writes for each network with the network's sizes
/// as literal constants; ILGPU inlines them and folds the constants. Each method documents the launch it expects:
/// <see cref="GpuLaunch"/> computes those configurations. All tensors are row-major and per sample, as on the CPU.
/// </summary>
public static class DeviceLayers
{
    /// <summary>The largest tile side of a <see cref="IGpuKernelShape"/>: the size of the shared-memory tiles.</summary>
    public const int MaxTile = 16;

    /// <summary>The largest group of a <see cref="IGpuKernelShape"/>: the size of the shared reduction buffer.</summary>
    public const int MaxGroupSize = 256;

    /// <summary>
    /// <c>C[m, n] = f(Σ_k A(m, k) · B(k, n) + bias[n])</c> with shared-memory tiles. <c>A</c> is stored <c>[m, k]</c>, or
    /// <c>[k, m]</c> when <paramref name="transposeA"/>; <c>B</c> is <c>[k, n]</c>, or <c>[n, k]</c> when
    /// <paramref name="transposeB"/>. An empty <paramref name="bias"/> adds nothing. Launch:
    /// <see cref="GpuLaunch.Tiles"/> over <c>(m, n)</c>.
    /// </summary>
    public static void Gemm<TShape, TActivation>(
        TShape shape, TActivation activation, ArrayView<float> a, ArrayView<float> b, ArrayView<float> bias, ArrayView<float> c,
        int m, int n, int k, bool transposeA, bool transposeB)
        where TShape : struct, IGpuKernelShape
        where TActivation : struct, IGpuActivation
    {
        int tile = shape.Tile;
        int tx = Group.IdxX, ty = Group.IdxY;
        int row = Grid.IdxY * tile + ty;
        int col = Grid.IdxX * tile + tx;
        float sum = 0f;
        if (!shape.Tiled)
        {
            if (row < m && col < n)
            {
                for (int i = 0; i < k; i++)
                {
                    sum += (transposeA ? a[i * m + row] : a[row * k + i]) * (transposeB ? b[col * k + i] : b[i * n + col]);
                }
            }
        }
        else
        {
            Tiles(shape, a, b, m, n, k, transposeA, transposeB, row, col, ref sum);
        }

        if (row < m && col < n)
        {
            if (bias.Length > 0)
            {
                sum += bias[col];
            }

            c[row * n + col] = activation.Apply(sum);
        }
    }

    private static void Tiles<TShape>(
        TShape shape, ArrayView<float> a, ArrayView<float> b, int m, int n, int k, bool transposeA, bool transposeB,
        int row, int col, ref float sum)
        where TShape : struct, IGpuKernelShape
    {
        int tile = shape.Tile;
        int tx = Group.IdxX, ty = Group.IdxY;
        ArrayView<float> tileA = SharedMemory.Allocate<float>(MaxTile * MaxTile);
        ArrayView<float> tileB = SharedMemory.Allocate<float>(MaxTile * MaxTile);
        for (int t = 0; t < k; t += tile)
        {
            int ka = t + tx;
            float va = 0f;
            if (row < m && ka < k)
            {
                va = transposeA ? a[ka * m + row] : a[row * k + ka];
            }

            int kb = t + ty;
            float vb = 0f;
            if (kb < k && col < n)
            {
                vb = transposeB ? b[col * k + kb] : b[kb * n + col];
            }

            tileA[ty * tile + tx] = va;
            tileB[ty * tile + tx] = vb;
            Group.Barrier();
            for (int i = 0; i < tile; i++)
            {
                sum += tileA[ty * tile + i] * tileB[i * tile + tx];
            }

            Group.Barrier();
        }
    }

    /// <summary>
    /// <c>sums[j] = Σ_r values[r, j]</c> over a <c>[rows, columns]</c> matrix: a tiled column sum whose partial sums
    /// meet in shared memory. Launch: <see cref="GpuLaunch.ColumnTiles"/> over <paramref name="columns"/>.
    /// </summary>
    public static void ColumnSum<TShape>(TShape shape, ArrayView<float> values, ArrayView<float> sums, int rows, int columns)
        where TShape : struct, IGpuKernelShape
    {
        int tile = shape.Tile;
        int tx = Group.IdxX, ty = Group.IdxY;
        int col = Grid.IdxX * tile + tx;
        if (!shape.Tiled)
        {
            if (ty == 0 && col < columns)
            {
                float all = 0f;
                for (int r = 0; r < rows; r++)
                {
                    all += values[r * columns + col];
                }

                sums[col] = all;
            }

            return;
        }

        ArrayView<float> partial = SharedMemory.Allocate<float>(MaxTile * MaxTile);
        float sum = 0f;
        if (col < columns)
        {
            for (int r = ty; r < rows; r += tile)
            {
                sum += values[r * columns + col];
            }
        }

        partial[ty * tile + tx] = sum;
        Group.Barrier();
        if (ty == 0 && col < columns)
        {
            float total = 0f;
            for (int i = 0; i < tile; i++)
            {
                total += partial[i * tile + tx];
            }

            sums[col] = total;
        }
    }

    /// <summary>
    /// <c>dy[i] *= f'(y[i])</c>: turns the gradient of a layer's outputs into that of its pre-activations, in place.
    /// Launch: <see cref="GpuLaunch.Elements"/> over <paramref name="count"/>.
    /// </summary>
    public static void ActivationBackward<TActivation>(
        TActivation activation, ArrayView<float> outputs, ArrayView<float> gradients, int count)
        where TActivation : struct, IGpuActivation
    {
        int i = Grid.GlobalIndex.X;
        if (i < count)
        {
            gradients[i] *= activation.Derivative(outputs[i]);
        }
    }

    /// <summary><c>destination[i] = source[i]</c> (dropout at inference). Launch: <see cref="GpuLaunch.Elements"/>.</summary>
    public static void Copy(ArrayView<float> source, ArrayView<float> destination, int count)
    {
        int i = Grid.GlobalIndex.X;
        if (i < count)
        {
            destination[i] = source[i];
        }
    }

    /// <summary>
    /// Inverted dropout while training: keeps each value with probability <c>1 - p</c>, scaled by <c>1 / (1 - p)</c>,
    /// and stores the factor in <paramref name="mask"/> for the backward pass. The uniform draw is a hash of
    /// (<paramref name="seed"/>, <paramref name="layer"/>, index), so no generator state lives on the device.
    /// Launch: <see cref="GpuLaunch.Elements"/> over <paramref name="count"/>.
    /// </summary>
    public static void DropoutForward(
        ArrayView<float> inputs, ArrayView<float> outputs, ArrayView<float> mask, int count, float p, int seed, int layer)
    {
        int i = Grid.GlobalIndex.X;
        if (i < count)
        {
            float m = Uniform(seed, layer, i) >= p ? 1f / (1f - p) : 0f;
            mask[i] = m;
            outputs[i] = inputs[i] * m;
        }
    }

    /// <summary><c>dx = dy · mask</c>: the backward pass of <see cref="DropoutForward"/>. Launch: <see cref="GpuLaunch.Elements"/>.</summary>
    public static void DropoutBackward(ArrayView<float> dOutputs, ArrayView<float> mask, ArrayView<float> dInputs, int count)
    {
        int i = Grid.GlobalIndex.X;
        if (i < count)
        {
            dInputs[i] = dOutputs[i] * mask[i];
        }
    }

    /// <summary>
    /// PReLU: <c>y = z</c> for <c>z &gt; 0</c>, else <c>a · z</c>, with one slope or one per channel of
    /// <c>[batch, channels, spatial]</c>. Launch: <see cref="GpuLaunch.Elements"/> over <paramref name="count"/>.
    /// </summary>
    public static void PReLUForward(
        ArrayView<float> preActivations, ArrayView<float> slopes, ArrayView<float> outputs, int count, int slopeCount,
        int channels, int spatial)
    {
        int i = Grid.GlobalIndex.X;
        if (i < count)
        {
            float z = preActivations[i];
            outputs[i] = z > 0f ? z : slopes[slopeCount == 1 ? 0 : i / spatial % channels] * z;
        }
    }

    /// <summary>
    /// <c>dz = dy</c> for <c>z &gt; 0</c>, else <c>a · dy</c>, in place; run after <see cref="PReLUSlopeGradient"/>,
    /// which reads <c>dy</c>. Launch: <see cref="GpuLaunch.Elements"/> over <paramref name="count"/>.
    /// </summary>
    public static void PReLUBackward(
        ArrayView<float> preActivations, ArrayView<float> slopes, ArrayView<float> gradients, int count, int slopeCount,
        int channels, int spatial)
    {
        int i = Grid.GlobalIndex.X;
        if (i < count && !(preActivations[i] > 0f))
        {
            gradients[i] *= slopes[slopeCount == 1 ? 0 : i / spatial % channels];
        }
    }

    /// <summary>
    /// <c>dL/da = Σ dy · z</c> over the values with <c>z ≤ 0</c> of each slope's channel (or of all values for a single
    /// slope), one group per slope with a shared-memory reduction. Launch: <see cref="GpuLaunch.Groups"/> over the slopes.
    /// </summary>
    public static void PReLUSlopeGradient<TShape>(
        TShape shape, ArrayView<float> preActivations, ArrayView<float> dOutputs, ArrayView<float> dSlopes,
        int batch, int slopeCount, int channels, int spatial)
        where TShape : struct, IGpuKernelShape
    {
        int slope = Grid.IdxX;
        int first = shape.Tiled ? Group.IdxX : 0;
        int step = shape.Tiled ? shape.GroupSize : 1;
        if (!shape.Tiled && Group.IdxX != 0)
        {
            return;
        }

        int values = slopeCount == 1 ? batch * channels * spatial : batch * spatial;
        float sum = 0f;
        for (int p = first; p < values; p += step)
        {
            int i = slopeCount == 1 ? p : (p / spatial * channels + slope) * spatial + p % spatial;
            float z = preActivations[i];
            if (!(z > 0f))
            {
                sum += dOutputs[i] * z;
            }
        }

        float total = GroupSum(shape, sum);
        if (Group.IdxX == 0)
        {
            dSlopes[slope] = total;
        }
    }

    /// <summary>A uniform float in [0, 1) from a 32-bit mix of three integers (a counter-based generator).</summary>
    public static float Uniform(int seed, int stream, int index)
    {
        uint h = (uint)seed * 0x9E3779B1u ^ (uint)stream * 0x85EBCA77u ^ (uint)index * 0xC2B2AE3Du;
        h ^= h >> 16;
        h *= 0x7FEB352Du;
        h ^= h >> 15;
        h *= 0x846CA68Bu;
        h ^= h >> 16;
        return (int)(h >> 8) * (1f / (1 << 24)); // through int: an unsigned conversion would go through double
    }

    /// <summary>
    /// Direct convolution with bias and activation fused: one thread per output value of
    /// <c>[batch, outC, outH, outW]</c>; weights <c>[outC, inC, k, k]</c>. Launch: <see cref="GpuLaunch.Elements"/>
    /// over <c>batch · outC · outH · outW</c>.
    /// </summary>
    public static void Conv2DForward<TActivation>(
        TActivation activation, ArrayView<float> inputs, ArrayView<float> weights, ArrayView<float> bias,
        ArrayView<float> outputs, int batch, int inC, int inH, int inW, int outC, int outH, int outW,
        int kernel, int stride, int padding)
        where TActivation : struct, IGpuActivation
    {
        int index = Grid.GlobalIndex.X;
        if (index >= batch * outC * outH * outW)
        {
            return;
        }

        int ox = index % outW;
        int oy = index / outW % outH;
        int oc = index / (outW * outH) % outC;
        int b = index / (outW * outH * outC);
        float sum = bias.Length > 0 ? bias[oc] : 0f;
        for (int ic = 0; ic < inC; ic++)
        {
            int inBase = (b * inC + ic) * inH * inW;
            int wBase = (oc * inC + ic) * kernel * kernel;
            for (int ky = 0; ky < kernel; ky++)
            {
                int iy = oy * stride + ky - padding;
                if (iy < 0 || iy >= inH)
                {
                    continue;
                }

                for (int kx = 0; kx < kernel; kx++)
                {
                    int ix = ox * stride + kx - padding;
                    if (ix >= 0 && ix < inW)
                    {
                        sum += inputs[inBase + iy * inW + ix] * weights[wBase + ky * kernel + kx];
                    }
                }
            }
        }

        outputs[index] = activation.Apply(sum);
    }

    /// <summary>
    /// <c>dL/dx</c> of a convolution, gathered: one thread per input value, summing over the outputs its window reaches.
    /// Launch: <see cref="GpuLaunch.Elements"/> over <c>batch · inC · inH · inW</c>.
    /// </summary>
    public static void Conv2DInputGradient(
        ArrayView<float> dOutputs, ArrayView<float> weights, ArrayView<float> dInputs,
        int batch, int inC, int inH, int inW, int outC, int outH, int outW, int kernel, int stride, int padding)
    {
        int index = Grid.GlobalIndex.X;
        if (index >= batch * inC * inH * inW)
        {
            return;
        }

        int ix = index % inW;
        int iy = index / inW % inH;
        int ic = index / (inW * inH) % inC;
        int b = index / (inW * inH * inC);
        float sum = 0f;
        for (int oc = 0; oc < outC; oc++)
        {
            int outBase = (b * outC + oc) * outH * outW;
            int wBase = (oc * inC + ic) * kernel * kernel;
            for (int ky = 0; ky < kernel; ky++)
            {
                int ty = iy + padding - ky;
                if (ty < 0 || ty % stride != 0 || ty / stride >= outH)
                {
                    continue;
                }

                for (int kx = 0; kx < kernel; kx++)
                {
                    int tx = ix + padding - kx;
                    if (tx >= 0 && tx % stride == 0 && tx / stride < outW)
                    {
                        sum += dOutputs[outBase + ty / stride * outW + tx / stride] * weights[wBase + ky * kernel + kx];
                    }
                }
            }
        }

        dInputs[index] = sum;
    }

    /// <summary>
    /// Weight and bias gradients of a convolution: one group per weight (and one per filter for the bias, after the
    /// weights), whose threads share out the positions of an output plane, each summing its positions over the batch,
    /// and meet in a shared-memory tree reduction.
    /// Launch: <see cref="GpuLaunch.Groups"/> over <c>outC · inC · k · k</c> (+ <c>outC</c> with a bias).
    /// </summary>
    public static void Conv2DParameterGradient<TShape>(
        TShape shape, ArrayView<float> inputs, ArrayView<float> dOutputs, ArrayView<float> dWeights, ArrayView<float> dBias,
        int batch, int inC, int inH, int inW, int outC, int outH, int outW, int kernel, int stride, int padding)
        where TShape : struct, IGpuKernelShape
    {
        int target = Grid.IdxX;
        int first = shape.Tiled ? Group.IdxX : 0;
        int step = shape.Tiled ? shape.GroupSize : 1;
        if (!shape.Tiled && Group.IdxX != 0)
        {
            return;
        }

        // The threads of a group share out the output positions of one plane; each thread then walks the batch for
        // its positions, so the index arithmetic (divisions included) and the padding test run once per position,
        // not once per position and sample, and neighbouring threads still read neighbouring values.
        int weightCount = outC * inC * kernel * kernel;
        int plane = outH * outW;
        int dyStride = outC * plane;
        float sum = 0f;
        if (target < weightCount)
        {
            int kx = target % kernel;
            int ky = target / kernel % kernel;
            int ic = target / (kernel * kernel) % inC;
            int oc = target / (kernel * kernel * inC);
            int xStride = inC * inH * inW;
            for (int q = first; q < plane; q += step)
            {
                int oy = q / outW;
                int ox = q - oy * outW;
                int iy = oy * stride + ky - padding;
                int ix = ox * stride + kx - padding;
                if (iy >= 0 && iy < inH && ix >= 0 && ix < inW)
                {
                    int dyIndex = oc * plane + q;
                    int xIndex = (ic * inH + iy) * inW + ix;
                    for (int b = 0; b < batch; b++)
                    {
                        sum += dOutputs[dyIndex] * inputs[xIndex];
                        dyIndex += dyStride;
                        xIndex += xStride;
                    }
                }
            }
        }
        else
        {
            int oc = target - weightCount;
            for (int q = first; q < plane; q += step)
            {
                int dyIndex = oc * plane + q;
                for (int b = 0; b < batch; b++)
                {
                    sum += dOutputs[dyIndex];
                    dyIndex += dyStride;
                }
            }
        }

        float total = GroupSum(shape, sum);
        if (Group.IdxX == 0)
        {
            if (target < weightCount)
            {
                dWeights[target] = total;
            }
            else
            {
                dBias[target - weightCount] = total;
            }
        }
    }

    /// <summary>
    /// Max or average pooling without padding, one thread per output of <c>[batch, channels, outH, outW]</c>; the max
    /// takes the first largest value (or a NaN) of its window, as the CPU kernel does. Launch:
    /// <see cref="GpuLaunch.Elements"/>.
    /// </summary>
    public static void PoolForward(
        ArrayView<float> inputs, ArrayView<float> outputs, int batch, int channels, int inH, int inW, int outH, int outW,
        int size, int stride, bool max)
    {
        int index = Grid.GlobalIndex.X;
        if (index >= batch * channels * outH * outW)
        {
            return;
        }

        int ox = index % outW;
        int oy = index / outW % outH;
        int plane = index / (outW * outH);
        int inBase = plane * inH * inW;
        outputs[index] = max
            ? inputs[inBase + ArgMax(inputs, inBase, inW, oy * stride, ox * stride, size)]
            : WindowMean(inputs, inBase, inW, oy * stride, ox * stride, size);
    }

    /// <summary>
    /// <c>dL/dx</c> of pooling, gathered: one thread per input value of <c>[batch, channels, inH, inW]</c>; a max pool
    /// routes each output's gradient to its window's first largest input. Launch: <see cref="GpuLaunch.Elements"/>.
    /// </summary>
    public static void PoolBackward(
        ArrayView<float> inputs, ArrayView<float> dOutputs, ArrayView<float> dInputs, int batch, int channels,
        int inH, int inW, int outH, int outW, int size, int stride, bool max)
    {
        int index = Grid.GlobalIndex.X;
        if (index >= batch * channels * inH * inW)
        {
            return;
        }

        int ix = index % inW;
        int iy = index / inW % inH;
        int plane = index / (inW * inH);
        int inBase = plane * inH * inW;
        int outBase = plane * outH * outW;
        int offset = iy * inW + ix;
        float sum = 0f;
        int oyFirst = iy - size + 1 <= 0 ? 0 : (iy - size + stride) / stride;
        int oxFirst = ix - size + 1 <= 0 ? 0 : (ix - size + stride) / stride;
        for (int oy = oyFirst; oy < outH && oy * stride <= iy; oy++)
        {
            for (int ox = oxFirst; ox < outW && ox * stride <= ix; ox++)
            {
                float g = dOutputs[outBase + oy * outW + ox];
                if (!max)
                {
                    sum += g / (size * size);
                }
                else if (ArgMax(inputs, inBase, inW, oy * stride, ox * stride, size) == offset)
                {
                    sum += g;
                }
            }
        }

        dInputs[index] = sum;
    }

    /// <summary>
    /// Sum of one value per thread of a group of <see cref="IGpuKernelShape.GroupSize"/> threads (a power of two), by
    /// a tree reduction in shared memory; every thread gets the total. Without tiles, each thread's own value.
    /// </summary>
    public static float GroupSum<TShape>(TShape shape, float value)
        where TShape : struct, IGpuKernelShape
    {
        if (!shape.Tiled)
        {
            return value;
        }

        ArrayView<float> shared = SharedMemory.Allocate<float>(MaxGroupSize);
        int t = Group.IdxX;
        shared[t] = value;
        Group.Barrier();
        for (int half = shape.GroupSize / 2; half > 0; half /= 2)
        {
            if (t < half)
            {
                shared[t] += shared[t + half];
            }

            Group.Barrier();
        }

        float total = shared[0];
        Group.Barrier();
        return total;
    }

    private static int ArgMax(ArrayView<float> plane, int planeBase, int width, int top, int left, int size)
    {
        int best = top * width + left;
        float max = plane[planeBase + best];
        for (int dy = 0; dy < size; dy++)
        {
            for (int dx = 0; dx < size; dx++)
            {
                int at = (top + dy) * width + left + dx;
                float v = plane[planeBase + at];
                if (v > max || XMath.IsNaN(v))
                {
                    max = v;
                    best = at;
                }
            }
        }

        return best;
    }

    private static float WindowMean(ArrayView<float> plane, int planeBase, int width, int top, int left, int size)
    {
        float sum = 0f;
        for (int dy = 0; dy < size; dy++)
        {
            for (int dx = 0; dx < size; dx++)
            {
                sum += plane[planeBase + (top + dy) * width + left + dx];
            }
        }

        return sum / (size * size);
    }
}
