using System;

namespace VideoSeg.Core.Imaging;

/// <summary>
/// Resizes masks the way GWM brings its predictions to the ground truth's resolution:
/// <c>F.interpolate(mode='bilinear', align_corners=False)</c>, then a threshold at 0.5. The arithmetic
/// follows PyTorch's CPU kernel (checked against torch 1.13.1): scale = in/out in single precision, the
/// source coordinate scale·(dst + 0.5) − 0.5 in double (its accumulation type) clamped at 0, the upper
/// neighbour clamped to the last pixel, single-precision weights, and columns blended before rows. On
/// 0/1 masks and soft masks it agrees with torch to one float ulp, with no pixel flipping at 0.5.
/// </summary>
public static class MaskResampler
{
    /// <summary>
    /// Resamples a 0/1 mask to <paramref name="width"/>×<paramref name="height"/> and keeps values strictly above
    /// <paramref name="threshold"/>. A mask already of that size is returned itself when 0 ≤ threshold &lt; 1, where
    /// resampling would be the identity.
    /// </summary>
    public static BinaryMask Resample(BinaryMask mask, int width, int height, float threshold = 0.5f)
    {
        ArgumentNullException.ThrowIfNull(mask);
        if (mask.Width == width && mask.Height == height && threshold is >= 0f and < 1f)
        {
            return mask;
        }

        float[] values = ResampleBilinear(mask.ToFloats(), mask.Width, mask.Height, width, height);
        return BinaryMask.FromProbabilities(width, height, values, threshold);
    }

    /// <summary>
    /// Bilinear resampling of a row-major single-channel image (for example soft mask probabilities),
    /// matching PyTorch's <c>interpolate(mode='bilinear', align_corners=False)</c> without a scale factor.
    /// </summary>
    /// <exception cref="VideoSegException">A size is not positive or the buffer does not hold sourceWidth×sourceHeight values (<see cref="ErrorCodes.InvalidArgument"/>).</exception>
    public static float[] ResampleBilinear(ReadOnlySpan<float> source, int sourceWidth, int sourceHeight, int width, int height)
    {
        if (sourceWidth <= 0 || sourceHeight <= 0 || width <= 0 || height <= 0)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"cannot resample {sourceWidth}×{sourceHeight} to {width}×{height}; expected positive sizes");
        }

        if (source.Length != sourceWidth * sourceHeight)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"a {sourceWidth}×{sourceHeight} image needs {sourceWidth * sourceHeight} values, got {source.Length}");
        }

        Taps columns = Taps.Compute(sourceWidth, width);
        Taps rows = Taps.Compute(sourceHeight, height);
        var result = new float[width * height];
        for (int y = 0; y < height; y++)
        {
            ReadOnlySpan<float> top = source.Slice(rows.Index0[y] * sourceWidth, sourceWidth);
            ReadOnlySpan<float> bottom = source.Slice((rows.Index0[y] + rows.Offset[y]) * sourceWidth, sourceWidth);
            float h0 = rows.Lambda0[y];
            float h1 = rows.Lambda1[y];
            Span<float> output = result.AsSpan(y * width, width);
            for (int x = 0; x < width; x++)
            {
                int x0 = columns.Index0[x];
                int x1 = x0 + columns.Offset[x];
                float w0 = columns.Lambda0[x];
                float w1 = columns.Lambda1[x];
                float t0 = (top[x0] * w0) + (top[x1] * w1);
                float t1 = (bottom[x0] * w0) + (bottom[x1] * w1);
                output[x] = (t0 * h0) + (t1 * h1);
            }
        }

        return result;
    }

    /// <summary>Per output index along one axis: the two source taps and their weights.</summary>
    private sealed class Taps
    {
        private Taps(int size)
        {
            Index0 = new int[size];
            Offset = new int[size];
            Lambda0 = new float[size];
            Lambda1 = new float[size];
        }

        public int[] Index0 { get; }

        public int[] Offset { get; }

        public float[] Lambda0 { get; }

        public float[] Lambda1 { get; }

        /// <summary>PyTorch's compute_source_index_and_lambda with align_corners false.</summary>
        public static Taps Compute(int inputSize, int outputSize)
        {
            var taps = new Taps(outputSize);
            float scale = (float)inputSize / outputSize;
            for (int i = 0; i < outputSize; i++)
            {
                double real = ((double)scale * (i + 0.5)) - 0.5;
                if (real < 0)
                {
                    real = 0;
                }

                int index = Math.Min((int)real, inputSize - 1);
                float lambda = (float)Math.Min(Math.Max(real - index, 0.0), 1.0);
                taps.Index0[i] = index;
                taps.Offset[i] = index < inputSize - 1 ? 1 : 0;
                taps.Lambda1[i] = lambda;
                taps.Lambda0[i] = 1f - lambda;
            }

            return taps;
        }
    }
}
