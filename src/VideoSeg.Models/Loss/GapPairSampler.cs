using System;
using System.Collections.Generic;
using System.Linq;
using VideoSeg.Core;

namespace VideoSeg.Models.Loss;

/// <summary>
/// GWM's choice of training flows (<c>scan_train_flow</c> in <c>src/config.py</c> and
/// <c>FlowPairDetectron.__getitem__</c> in <c>src/datasets/flow_pair_detectron.py</c>). The gaps (DAVIS and
/// SegTrackV2: [1, 2, −1, −2]; FBMS: [3, 6, −3, −6]) form every combination of two in
/// <c>itertools.combinations</c> order; a frame t of an N-frame sequence qualifies for a combination when both
/// flows exist, i.e. t + g ∈ [0, N) for both gaps (the flows are named by their source frame). Each sample draws
/// a combination uniformly among those that some sequence can serve, then a sequence uniformly among those that
/// can serve it, then a frame uniformly among that sequence's qualifying frames; the loss uses only the first
/// gap's flow. So with [1, 2, −1, −2] the loss sees gap 1 in half the samples, 2 in a third, −1 in a sixth and
/// −2 never. Draws come from <see cref="SplitMix64"/> seeded with the given seed (GWM uses Python's
/// <c>random</c>, whose stream this does not reproduce).
/// </summary>
public sealed class GapPairSampler
{
    private readonly SplitMix64 _random;

    /// <summary>Creates a sampler over the combinations of <paramref name="gaps"/>, drawing from <paramref name="seed"/>.</summary>
    public GapPairSampler(IReadOnlyList<int> gaps, long seed)
    {
        ArgumentNullException.ThrowIfNull(gaps);
        if (gaps.Count < 2 || gaps.Contains(0) || gaps.Distinct().Count() != gaps.Count)
        {
            throw new VideoSegException(
                ErrorCodes.InvalidArgument,
                $"GWM's gap pairs need at least two distinct non-zero gaps, got [{string.Join(", ", gaps)}]");
        }

        Gaps = gaps.ToArray();
        var pairs = new List<GapPair>();
        for (int i = 0; i < Gaps.Count; i++)
        {
            for (int j = i + 1; j < Gaps.Count; j++)
            {
                pairs.Add(new GapPair(Gaps[i], Gaps[j]));
            }
        }

        Pairs = pairs;
        Seed = seed;
        _random = new SplitMix64(seed);
    }

    /// <summary>GWM's gaps for DAVIS 2016 and SegTrackV2.</summary>
    public static IReadOnlyList<int> DavisGaps { get; } = [1, 2, -1, -2];

    /// <summary>GWM's gaps for FBMS.</summary>
    public static IReadOnlyList<int> FbmsGaps { get; } = [3, 6, -3, -6];

    /// <summary>The gaps, in the order given.</summary>
    public IReadOnlyList<int> Gaps { get; }

    /// <summary>Every combination of two gaps, in <c>itertools.combinations</c> order.</summary>
    public IReadOnlyList<GapPair> Pairs { get; }

    /// <summary>The seed the draws started from.</summary>
    public long Seed { get; }

    /// <summary>Whether frame <paramref name="frame"/> of an N-frame sequence has a flow of gap <paramref name="gap"/>.</summary>
    public static bool HasFlow(int sequenceLength, int frame, int gap)
    {
        RequireFrame(sequenceLength, frame);
        long target = (long)frame + gap;
        return gap != 0 && target >= 0 && target < sequenceLength;
    }

    /// <summary>Whether frame <paramref name="frame"/> has the flows of both gaps of <paramref name="pair"/>.</summary>
    public static bool Qualifies(int sequenceLength, int frame, GapPair pair) =>
        HasFlow(sequenceLength, frame, pair.First) && HasFlow(sequenceLength, frame, pair.Second);

    /// <summary>The frames of an N-frame sequence that qualify for <paramref name="pair"/>, ascending.</summary>
    public static IReadOnlyList<int> QualifyingFrames(int sequenceLength, GapPair pair)
    {
        RequireLength(sequenceLength);
        return Enumerable.Range(0, sequenceLength).Where(t => Qualifies(sequenceLength, t, pair)).ToArray();
    }

    /// <summary>
    /// Draws one sample as GWM's data loader does, over sequences of the given lengths. Throws when no sequence
    /// has a qualifying frame for any combination.
    /// </summary>
    public GapPairSample Next(IReadOnlyList<int> sequenceLengths)
    {
        ArgumentNullException.ThrowIfNull(sequenceLengths);
        foreach (int length in sequenceLengths)
        {
            RequireLength(length);
        }

        // GWM drops the combinations no sequence can serve, and the sequences without a qualifying frame.
        GapPair[] servable = Pairs.Where(p => sequenceLengths.Any(n => QualifyingCount(n, p) > 0)).ToArray();
        if (servable.Length == 0)
        {
            throw new VideoSegException(
                ErrorCodes.InvalidArgument,
                $"no sequence (lengths [{string.Join(", ", sequenceLengths)}]) has a frame with the flows of two gaps of [{string.Join(", ", Gaps)}]");
        }

        GapPair pair = servable[_random.NextInt(servable.Length)];
        int[] sequences = Enumerable.Range(0, sequenceLengths.Count).Where(s => QualifyingCount(sequenceLengths[s], pair) > 0).ToArray();
        int sequence = sequences[_random.NextInt(sequences.Length)];
        IReadOnlyList<int> frames = QualifyingFrames(sequenceLengths[sequence], pair);
        int frame = frames[_random.NextInt(frames.Count)];
        return new GapPairSample(sequence, frame, pair);
    }

    /// <summary>
    /// For a given frame t of an N-frame sequence, draws a combination uniformly among those t qualifies for. Near
    /// the ends fewer qualify (with [1, 2, −1, −2], frame 0 only (1, 2) and frame N−1 only (−1, −2)); null when none
    /// does (e.g. N = 2), a frame GWM never trains on.
    /// </summary>
    public GapPair? NextForFrame(int sequenceLength, int frame)
    {
        RequireFrame(sequenceLength, frame);
        GapPair[] candidates = Pairs.Where(p => Qualifies(sequenceLength, frame, p)).ToArray();
        return candidates.Length == 0 ? null : candidates[_random.NextInt(candidates.Length)];
    }

    private static int QualifyingCount(int sequenceLength, GapPair pair)
    {
        // Both flows exist for t in [max(0, −g), N − max(0, g)) for each gap g.
        int low = Math.Max(Math.Max(0, -pair.First), Math.Max(0, -pair.Second));
        int high = sequenceLength - Math.Max(Math.Max(0, pair.First), Math.Max(0, pair.Second));
        return Math.Max(0, high - low);
    }

    private static void RequireLength(int sequenceLength)
    {
        if (sequenceLength <= 0)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"a sequence length must be positive, got {sequenceLength}");
        }
    }

    private static void RequireFrame(int sequenceLength, int frame)
    {
        RequireLength(sequenceLength);
        if (frame < 0 || frame >= sequenceLength)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"frame {frame} is outside a sequence of {sequenceLength} frames");
        }
    }
}
