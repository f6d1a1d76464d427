using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace VideoSeg.Core.Pipeline;

/// <summary>
/// One shard of a sharded stage run, <c>I/N</c> with 0 ≤ I &lt; N: the stage computes only the sequences
/// assigned to shard I. Sequences are assigned round-robin over the ordinally sorted names (the sequence at
/// sorted position p goes to shard p mod N), so the assignment depends only on the names and N, never on the
/// order of <c>ImageSets/sequences.txt</c> or on which machine runs the shard, and long and short sequences
/// spread across shards rather than clustering in one.
/// </summary>
/// <param name="Index">The shard's index, from 0.</param>
/// <param name="Count">The number of shards, at least 1.</param>
public sealed record ShardSpec(int Index, int Count)
{
    /// <summary>The whole run: one shard holding every sequence.</summary>
    public static ShardSpec Whole { get; } = new(0, 1);

    /// <summary>True for <see cref="Whole"/>: the stage writes its normal output, not a shard folder.</summary>
    public bool IsWhole => Count == 1;

    /// <summary>The shard's folder name under <c>&lt;output&gt;.shards/</c>: <c>I-of-N</c>.</summary>
    public string FolderName => string.Create(CultureInfo.InvariantCulture, $"{Index}-of-{Count}");

    /// <summary>
    /// Parses <c>I/N</c>. Errors are <see cref="ErrorCodes.InvalidArgument"/> naming <paramref name="option"/>.
    /// </summary>
    public static ShardSpec Parse(string text, string option = "--shard")
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int count)
            && count >= 1
            && index < count)
        {
            return new ShardSpec(index, count);
        }

        throw new VideoSegException(ErrorCodes.InvalidArgument, $"{option} '{text}' is not a shard: expected I/N with 0 <= I < N, e.g. 0/4 for the first of four");
    }

    /// <summary>The sequences of <paramref name="sequences"/> that belong to this shard, in their given order.</summary>
    public IReadOnlyList<string> Select(IReadOnlyList<string> sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        if (IsWhole)
        {
            return sequences;
        }

        var mine = sequences
            .Order(StringComparer.Ordinal)
            .Where((_, position) => position % Count == Index)
            .ToHashSet(StringComparer.Ordinal);
        return sequences.Where(mine.Contains).ToList();
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}
