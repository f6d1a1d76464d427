using System;
using VideoSeg.Models.Training;

namespace VideoSeg.Models.Tests.Training;

/// <summary>Reports on the training thread itself, so a test can cancel at an exact iteration (<see cref="Progress{T}"/> posts asynchronously).</summary>
internal sealed class SynchronousTrainingProgress : IProgress<TrainingProgress>
{
    private readonly Action<TrainingProgress> _handler;

    public SynchronousTrainingProgress(Action<TrainingProgress> handler) => _handler = handler;

    public void Report(TrainingProgress value) => _handler(value);
}
