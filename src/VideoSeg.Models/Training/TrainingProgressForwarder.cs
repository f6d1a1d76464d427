using System;
using System.Globalization;
using VideoSeg.Core.Pipeline;

namespace VideoSeg.Models.Training;

/// <summary>
/// Passes every <c>period</c>-th training step (and the last) on as a stage note, synchronously:
/// <c>Progress&lt;T&gt;</c> would post to the thread pool and could deliver reports out of order.
/// </summary>
internal sealed class TrainingProgressForwarder : IProgress<TrainingProgress>
{
    private readonly IProgress<StageProgress> _target;
    private readonly int _period;
    private readonly int _iterations;

    public TrainingProgressForwarder(IProgress<StageProgress> target, int iterations)
    {
        _target = target;
        _iterations = iterations;
        _period = Math.Max(1, iterations / 50);
    }

    public void Report(TrainingProgress value)
    {
        if (value.Iteration % _period == 0 || value.Iteration == _iterations)
        {
            _target.Report(StageProgress.Note(string.Create(
                CultureInfo.InvariantCulture,
                $"iteration {value.Iteration}/{value.TotalIterations}: loss {value.Loss:G4}, lr {value.LearningRate:G3}, {value.Elapsed.TotalSeconds:F0} s")));
        }
    }
}
