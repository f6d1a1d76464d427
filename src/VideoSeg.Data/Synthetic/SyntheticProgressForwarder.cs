using System;
using VideoSeg.Core.Pipeline;

namespace VideoSeg.Data.Synthetic;

/// <summary>
/// Passes the generator's per-sequence reports on as stage steps, synchronously: <c>Progress&lt;T&gt;</c>
/// would post to the thread pool and could deliver reports out of order.
/// </summary>
internal sealed class SyntheticProgressForwarder : IProgress<SyntheticProgress>
{
    private readonly IProgress<StageProgress> _target;

    public SyntheticProgressForwarder(IProgress<StageProgress> target) => _target = target;

    public void Report(SyntheticProgress value) =>
        _target.Report(StageProgress.Step($"{value.Sequence} ({value.Frames} frames)", value.SequenceCount));
}
