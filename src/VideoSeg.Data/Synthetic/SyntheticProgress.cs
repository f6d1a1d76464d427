namespace VideoSeg.Data.Synthetic;

/// <summary>Reported after each sequence the generator finishes.</summary>
/// <param name="SequencesDone">Sequences written so far.</param>
/// <param name="SequenceCount">Sequences in the suite.</param>
/// <param name="Sequence">The sequence just written.</param>
/// <param name="Frames">Its number of frames.</param>
public sealed record SyntheticProgress(int SequencesDone, int SequenceCount, string Sequence, int Frames);
