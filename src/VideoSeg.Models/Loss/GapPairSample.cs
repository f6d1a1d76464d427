namespace VideoSeg.Models.Loss;

/// <summary>One training sample drawn by <see cref="GapPairSampler.Next"/>.</summary>
/// <param name="Sequence">The index of the sequence in the list given to the sampler.</param>
/// <param name="Frame">The source frame t; its mask is compared with the flow t → t + gap.</param>
/// <param name="Pair">The gap combination; the loss uses the flow of <see cref="GapPair.First"/>.</param>
public sealed record GapPairSample(int Sequence, int Frame, GapPair Pair);
