using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using VideoSeg.Core;
using VideoSeg.Models.Loss;
using VideoSeg.Models.Network;

namespace VideoSeg.Models.Training;

/// <summary>
/// GWM's training setup (<c>maskformer_R50_bs16_160k_dino.yaml</c> and its bases, <c>src/config.py</c>,
/// <c>Trainer.build_optimizer</c> in <c>src/mask_former_trainer.py</c>, detectron2's <c>WarmupPolyLR</c>):
/// AdamW at 1.5e-4 with weight decay 0.01 (0 for norm and embedding parameters), batch 8, linear warm-up from
/// 1e-6 × lr over 1,500 iterations then polynomial decay of power 0.9 towards <c>SOLVER.MAX_ITER</c> = 160,000,
/// while training stops at <c>TOTAL_ITER</c> = 20,000; full-model gradient clipping at L2 norm 0.01; seed 42;
/// 128×224 inputs; K = 4 masks.
/// </summary>
public sealed record GwmTrainingOptions
{
    /// <summary>Optimizer steps to run (GWM's <c>TOTAL_ITER</c>, 20,000).</summary>
    public int Iterations { get; init; } = 20_000;

    /// <summary>The poly decay's horizon (detectron2's <c>SOLVER.MAX_ITER</c>, 160,000 in GWM's base config, which GWM never reaches).</summary>
    public int ScheduleIterations { get; init; } = 160_000;

    /// <summary>Samples per step (<c>SOLVER.IMS_PER_BATCH</c>, 8).</summary>
    public int BatchSize { get; init; } = 8;

    /// <summary>Base learning rate (<c>SOLVER.BASE_LR</c>, 1.5e-4).</summary>
    public double BaseLearningRate { get; init; } = 1.5e-4;

    /// <summary>AdamW's decoupled weight decay for ordinary parameters (<c>SOLVER.WEIGHT_DECAY</c>, 0.01).</summary>
    public double WeightDecay { get; init; } = 0.01;

    /// <summary>Weight decay of normalisation-layer parameters (<c>SOLVER.WEIGHT_DECAY_NORM</c>, 0).</summary>
    public double WeightDecayNorm { get; init; }

    /// <summary>Weight decay of <c>nn.Embedding</c> parameters, such as the object queries (<c>SOLVER.WEIGHT_DECAY_EMBED</c>, 0).</summary>
    public double WeightDecayEmbedding { get; init; }

    /// <summary>Linear warm-up length (<c>SOLVER.WARMUP_ITERS</c>, 1,500).</summary>
    public int WarmupIterations { get; init; } = 1_500;

    /// <summary>The warm-up's starting factor of the learning rate (<c>SOLVER.WARMUP_FACTOR</c>, 1e-6).</summary>
    public double WarmupFactor { get; init; } = 1e-6;

    /// <summary>Power of the polynomial decay (<c>SOLVER.POLY_LR_POWER</c>, 0.9).</summary>
    public double PolyPower { get; init; } = 0.9;

    /// <summary>Maximum L2 norm of all gradients together (<c>CLIP_GRADIENTS</c>, type <c>full_model</c>, value 0.01); 0 or less disables clipping.</summary>
    public double GradientClipNorm { get; init; } = 0.01;

    /// <summary>AdamW's β1 (PyTorch's default; GWM passes none).</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>AdamW's β2 (PyTorch's default).</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>AdamW's ε (PyTorch's default).</summary>
    public double Epsilon { get; init; } = 1e-8;

    /// <summary>Seed of torch's generator (initialisation, dropout) and of the data sampler (GWM's <c>SEED</c>, 42).</summary>
    public long Seed { get; init; } = 42;

    /// <summary>A checkpoint is written every this many iterations, and at the end.</summary>
    public int CheckpointPeriod { get; init; } = 1_000;

    /// <summary>The loss curve CSV is rewritten every this many iterations (and at every checkpoint).</summary>
    public int LossCurvePeriod { get; init; } = 50;

    /// <summary>Input height the frames and flows are resized to (GWM: 128).</summary>
    public int InputHeight { get; init; } = 128;

    /// <summary>Input width the frames and flows are resized to (GWM: 224).</summary>
    public int InputWidth { get; init; } = 224;

    /// <summary>The number of masks K (GWM's DINO config: 4).</summary>
    public int Queries { get; init; } = 4;

    /// <summary>Flow gaps whose pairs are sampled (DAVIS and SegTrackV2: 1, 2, −1, −2).</summary>
    public IReadOnlyList<int> Gaps { get; init; } = GapPairSampler.DavisGaps;

    /// <summary>The network's sizes; <see cref="Queries"/>, <see cref="InputHeight"/> and <see cref="InputWidth"/> override theirs.</summary>
    public GwmNetworkOptions Network { get; init; } = GwmNetworkOptions.CpuSmall;

    /// <summary>The loss's settings (GWM: weight 0.03, flow clipped to ±20 px).</summary>
    public FlowReconstructionLossOptions Loss { get; init; } = new();

    /// <summary>The network options actually built: <see cref="Network"/> with K and the input size of these options.</summary>
    public GwmNetworkOptions EffectiveNetwork => Network with { Queries = Queries, InputHeight = InputHeight, InputWidth = InputWidth };

    /// <summary>The learning-rate schedule these options describe.</summary>
    public WarmupPolyLearningRate Schedule => new(BaseLearningRate, ScheduleIterations, WarmupIterations, WarmupFactor, PolyPower);

    /// <summary>Throws <see cref="VideoSegException"/> (<see cref="ErrorCodes.InvalidArgument"/>) for options that cannot train.</summary>
    public void Validate()
    {
        Require(Iterations > 0, $"Iterations must be positive, got {Iterations}");
        Require(ScheduleIterations >= Iterations, $"ScheduleIterations ({ScheduleIterations}) must be at least Iterations ({Iterations})");
        Require(BatchSize > 0, $"BatchSize must be positive, got {BatchSize}");
        Require(BaseLearningRate > 0 && double.IsFinite(BaseLearningRate), $"BaseLearningRate must be positive, got {Format(BaseLearningRate)}");
        Require(WeightDecay >= 0 && WeightDecayNorm >= 0 && WeightDecayEmbedding >= 0, "weight decays must be non-negative");
        Require(WarmupIterations >= 0, $"WarmupIterations must be non-negative, got {WarmupIterations}");
        Require(WarmupFactor is > 0 and <= 1, $"WarmupFactor must lie in (0, 1], got {Format(WarmupFactor)}");
        Require(PolyPower >= 0, $"PolyPower must be non-negative, got {Format(PolyPower)}");
        Require(Beta1 is >= 0 and < 1 && Beta2 is >= 0 and < 1 && Epsilon > 0, "AdamW needs betas in [0, 1) and a positive epsilon");
        Require(CheckpointPeriod > 0 && LossCurvePeriod > 0, "CheckpointPeriod and LossCurvePeriod must be positive");
        Require(InputHeight > 0 && InputWidth > 0, $"the input size must be positive, got {InputHeight}x{InputWidth}");
        Require(Queries > 0, $"Queries must be positive, got {Queries}");
        Require(Gaps.Count >= 2 && !Gaps.Contains(0) && Gaps.Distinct().Count() == Gaps.Count, "Gaps needs at least two distinct non-zero gaps");
        EffectiveNetwork.Validate();
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"Invalid GWM training options: {message}.");
        }
    }
}
