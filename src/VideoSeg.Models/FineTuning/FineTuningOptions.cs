using System.Globalization;
using VideoSeg.Core;

namespace VideoSeg.Models.FineTuning;

/// <summary>
/// How one fine-tuning run trains GWM's decoder with the consistency loss (magdyhasan/guess-what-moves-optimization
/// <c>main_ssl.py</c> and <c>main_ssl_stv2.py</c>): adjacent pairs in order, no shuffling, batches without the
/// remainder; the backbone frozen and only the pixel decoder and the transformer decoder trained, in training mode
/// (decoder dropout on); AdamW at a constant learning rate with GWM's weight decays; all gradients clipped together.
/// </summary>
public sealed record FineTuningOptions
{
    /// <summary>The loss.</summary>
    public ConsistencyLossOptions Loss { get; init; } = ConsistencyLossOptions.PaperCode;

    /// <summary>Optimizer steps (<c>main_ssl_stv2.py</c>: 100 per sequence; <c>main_ssl.py</c>: about 7,000).</summary>
    public int Iterations { get; init; } = 100;

    /// <summary>Pairs per step (8 in both scripts). A sequence with fewer pairs trains on all of them each step.</summary>
    public int BatchSize { get; init; } = 8;

    /// <summary>The constant learning rate (<c>main_ssl.py</c> rebuilds AdamW at 1.5e-4 with no schedule).</summary>
    public double LearningRate { get; init; } = 1.5e-4;

    /// <summary>AdamW's decoupled weight decay (GWM: 0.01; 0 for norm and embedding parameters).</summary>
    public double WeightDecay { get; init; } = 0.01;

    /// <summary>Maximum L2 norm of all the decoder's gradients together (GWM: 0.01); 0 disables clipping.</summary>
    public double GradientClipNorm { get; init; } = 0.01;

    /// <summary>J is measured every this many steps, and before the first and after the last (<c>main_ssl_stv2.py</c>: 2; <c>main_ssl.py</c>: 50).</summary>
    public int EvaluationPeriod { get; init; } = 2;

    /// <summary>A resumable checkpoint is written every this many steps, and at the end.</summary>
    public int CheckpointPeriod { get; init; } = 50;

    /// <summary>Seed of torch's generator (decoder dropout).</summary>
    public long Seed { get; init; } = 42;

    /// <summary>The network's input height (GWM: 128).</summary>
    public int InputHeight { get; init; } = 128;

    /// <summary>The network's input width (GWM: 224).</summary>
    public int InputWidth { get; init; } = 224;

    /// <summary>Throws <see cref="VideoSegException"/> (<see cref="ErrorCodes.InvalidArgument"/>) for options that cannot train.</summary>
    public void Validate()
    {
        Require(Loss is not null, "Loss is required");
        Loss!.Validate();
        Require(Iterations > 0, $"Iterations must be positive, got {Iterations}");
        Require(BatchSize > 0, $"BatchSize must be positive, got {BatchSize}");
        Require(LearningRate > 0 && double.IsFinite(LearningRate), $"LearningRate must be positive, got {Format(LearningRate)}");
        Require(WeightDecay >= 0 && double.IsFinite(WeightDecay), $"WeightDecay must be non-negative, got {Format(WeightDecay)}");
        Require(GradientClipNorm >= 0 && double.IsFinite(GradientClipNorm), $"GradientClipNorm must be non-negative, got {Format(GradientClipNorm)}");
        Require(EvaluationPeriod > 0 && CheckpointPeriod > 0, "EvaluationPeriod and CheckpointPeriod must be positive");
        Require(InputHeight > 0 && InputWidth > 0, $"the input size must be positive, got {InputHeight}x{InputWidth}");
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"Invalid fine-tuning options: {message}.");
        }
    }
}
