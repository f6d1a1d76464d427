using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace VideoSeg.Evaluation;

/// <summary>
/// Counts the set pixels of one map that lie inside the dilation of another by the toolkit's disk
/// (skimage.morphology.disk(r): offsets with dx² + dy² ≤ r², used by cv2.dilate with a constant
/// border, so pixels outside the image never contribute). The disk is a stack of horizontal runs,
/// one per row offset, so the dilation is the OR of each source row dilated horizontally by that
/// row's half-width; horizontal dilation on 64-bit words is a few shift-ORs.
/// </summary>
internal sealed class DiskMatcher
{
    private readonly int _radius;
    private readonly int[] _halfWidths;
    private readonly int[] _distinctHalfWidths;
    private readonly int[] _halfWidthIndex;
    private ulong[][] _horizontal = [];
    private int[] _firstWord = [];
    private int[] _lastWord = [];
    private ulong[] _scratchA = [];
    private ulong[] _scratchB = [];

    public DiskMatcher(int radius)
    {
        _radius = radius;
        _halfWidths = new int[radius + 1];
        long squared = (long)radius * radius;
        for (int dy = 0; dy <= radius; dy++)
        {
            int dx = radius;
            while (((long)dx * dx) + ((long)dy * dy) > squared)
            {
                dx--;
            }

            _halfWidths[dy] = dx;
        }

        int[] distinct = [.. new System.Collections.Generic.SortedSet<int>(_halfWidths)];
        _distinctHalfWidths = distinct;
        _halfWidthIndex = new int[radius + 1];
        for (int dy = 0; dy <= radius; dy++)
        {
            _halfWidthIndex[dy] = Array.IndexOf(distinct, _halfWidths[dy]);
        }
    }

    public int Radius => _radius;

    /// <summary>The number of set pixels of <paramref name="probe"/> within the disk around some set pixel of <paramref name="source"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public long CountMatched(PackedMask probe, PackedMask source)
    {
        int height = source.Height;
        int words = source.WordsPerRow;
        EnsureBuffers(height, words);

        // Horizontal dilations of every non-empty source row, for each distinct half-width, growing
        // the run from the previous half-width (dilations by a and b compose to a + b).
        for (int y = 0; y < height; y++)
        {
            if (!source.RowHasBits[y])
            {
                continue;
            }

            // Only the words that the widest run can reach from the row's set words are worked on;
            // the others stay zero and are never read.
            ReadOnlySpan<ulong> sourceRow = source.Row(y);
            int reachWords = (_radius + 63) >> 6;
            int firstWord = Math.Max(0, sourceRow.IndexOfAnyExcept(0UL) - reachWords);
            int lastWord = Math.Min(words - 1, sourceRow.LastIndexOfAnyExcept(0UL) + reachWords);
            int span = lastWord - firstWord + 1;
            _firstWord[y] = firstWord;
            _lastWord[y] = lastWord;
            Span<ulong> current = _scratchA.AsSpan(0, span);
            Span<ulong> next = _scratchB.AsSpan(0, span);
            sourceRow.Slice(firstWord, span).CopyTo(current);
            int reach = 0;
            for (int index = 0; index < _distinctHalfWidths.Length; index++)
            {
                int target = _distinctHalfWidths[index];
                while (reach < target)
                {
                    // A step of at most 2·reach + 1 keeps each run contiguous.
                    int step = Math.Min((2 * reach) + 1, target - reach);
                    DilateStep(current, next, step);
                    Span<ulong> swap = current;
                    current = next;
                    next = swap;
                    reach += step;
                }

                current.CopyTo(_horizontal[index].AsSpan((y * words) + firstWord, span));
            }
        }

        long matched = 0;
        for (int y = 0; y < height; y++)
        {
            if (!probe.RowHasBits[y])
            {
                continue;
            }

            ReadOnlySpan<ulong> probeRow = probe.Row(y);
            int first = Math.Max(0, y - _radius);
            int last = Math.Min(height - 1, y + _radius);
            for (int i = 0; i < words; i++)
            {
                ulong wanted = probeRow[i];
                if (wanted == 0)
                {
                    continue;
                }

                ulong covered = 0;
                for (int yy = first; yy <= last; yy++)
                {
                    if (source.RowHasBits[yy] && i >= _firstWord[yy] && i <= _lastWord[yy])
                    {
                        covered |= _horizontal[_halfWidthIndex[Math.Abs(yy - y)]][(yy * words) + i];
                    }
                }

                matched += BitOperations.PopCount(wanted & covered);
            }
        }

        return matched;
    }

    private void EnsureBuffers(int height, int words)
    {
        int size = height * words;
        if (_horizontal.Length != _distinctHalfWidths.Length || _horizontal[0].Length < size)
        {
            _horizontal = new ulong[_distinctHalfWidths.Length][];
            for (int index = 0; index < _horizontal.Length; index++)
            {
                _horizontal[index] = new ulong[size];
            }
        }

        if (_firstWord.Length < height)
        {
            _firstWord = new int[height];
            _lastWord = new int[height];
        }

        if (_scratchA.Length < words)
        {
            _scratchA = new ulong[words];
            _scratchB = new ulong[words];
        }
    }

    /// <summary>dst = src ∪ (src shifted east by <paramref name="step"/>) ∪ (src shifted west by it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DilateStep(ReadOnlySpan<ulong> source, Span<ulong> destination, int step)
    {
        int wordShift = step >> 6;
        int bitShift = step & 63;
        int words = source.Length;
        for (int i = 0; i < words; i++)
        {
            ulong east;
            ulong west;
            if (bitShift == 0)
            {
                east = At(source, i - wordShift);
                west = At(source, i + wordShift);
            }
            else
            {
                east = (At(source, i - wordShift) << bitShift) | (At(source, i - wordShift - 1) >> (64 - bitShift));
                west = (At(source, i + wordShift) >> bitShift) | (At(source, i + wordShift + 1) << (64 - bitShift));
            }

            destination[i] = source[i] | east | west;
        }
    }

    private static ulong At(ReadOnlySpan<ulong> words, int index) =>
        (uint)index < (uint)words.Length ? words[index] : 0UL;
}
