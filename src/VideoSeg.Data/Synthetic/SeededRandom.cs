using System;

namespace VideoSeg.Data.Synthetic;

/// <summary>
/// xoshiro256** seeded through SplitMix64. The suite's bytes depend on every draw, so the
/// generator uses this fixed, documented algorithm rather than <see cref="Random"/>, whose
/// algorithm is an implementation detail of the runtime.
/// </summary>
internal sealed class SeededRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    /// <summary>Seeds the four state words from <paramref name="seed"/> with SplitMix64.</summary>
    public SeededRandom(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>Derives an independent seed from a parent seed and a stream number.</summary>
    public static ulong DeriveSeed(ulong parent, ulong stream)
    {
        ulong x = parent ^ (0x9E3779B97F4A7C15UL * (stream + 1));
        SplitMix64(ref x);
        return SplitMix64(ref x);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform double in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public double Uniform(double low, double high) => low + ((high - low) * NextDouble());

    /// <summary>A uniform integer in [<paramref name="low"/>, <paramref name="highExclusive"/>).</summary>
    public int NextInt(int low, int highExclusive)
    {
        if (highExclusive <= low)
        {
            throw new ArgumentOutOfRangeException(nameof(highExclusive), $"empty range [{low}, {highExclusive})");
        }

        return low + (int)((NextUInt64() >> 1) % (ulong)(highExclusive - low));
    }

    /// <summary>+1 or -1 with equal probability.</summary>
    public double NextSign() => (NextUInt64() >> 63) == 0 ? 1.0 : -1.0;

    private static ulong SplitMix64(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        ulong z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong value, int count) => (value << count) | (value >> (64 - count));
}
