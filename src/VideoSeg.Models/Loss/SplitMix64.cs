using System;

namespace VideoSeg.Models.Loss;

/// <summary>
/// Steele, Lea and Flood's SplitMix64 generator (the seeding generator of xoshiro), written out here so that a
/// seed gives the same draws on every runtime and platform, which <see cref="Random"/> does not promise.
/// </summary>
internal sealed class SplitMix64
{
    private ulong _state;

    /// <summary>Starts the sequence of <paramref name="seed"/>.</summary>
    internal SplitMix64(long seed) => _state = unchecked((ulong)seed);

    /// <summary>The next 64 uniformly distributed bits.</summary>
    internal ulong NextUInt64()
    {
        unchecked
        {
            _state += 0x9E3779B97F4A7C15UL;
            ulong z = _state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>A uniform integer in [0, <paramref name="exclusiveMax"/>), exactly unbiased (Lemire's rejection).</summary>
    internal int NextInt(int exclusiveMax)
    {
        if (exclusiveMax <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(exclusiveMax), exclusiveMax, "must be positive");
        }

        ulong range = (ulong)exclusiveMax;
        ulong threshold = unchecked(0UL - range) % range;
        while (true)
        {
            ulong high = Math.BigMul(NextUInt64(), range, out ulong low);
            if (low >= threshold)
            {
                return (int)high;
            }
        }
    }
}
