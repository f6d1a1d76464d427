using VideoSeg.Models.Network;
using VideoSeg.Models.Training;

namespace VideoSeg.Models.Tests.Training;

internal static class TrainingTestOptions
{
    /// <summary>CpuSmall narrowed further and two decoder layers, K = 2, batch 4 at 48×64, no warm-up.</summary>
    public static GwmTrainingOptions Tiny(int iterations) => new()
    {
        Iterations = iterations,
        ScheduleIterations = 200,
        BatchSize = 4,
        BaseLearningRate = 1e-3,
        WarmupIterations = 0,
        InputHeight = 48,
        InputWidth = 64,
        Queries = 2,
        CheckpointPeriod = 4,
        LossCurvePeriod = 2,
        Network = GwmNetworkOptions.CpuSmall with
        {
            FeatureChannels = [16, 16, 32, 32],
            ConvDim = 16,
            MaskDim = 16,
            HiddenDim = 32,
            FeedForwardDim = 64,
            DecoderLayers = 2,
        },
    };

    /// <summary><see cref="Tiny"/>'s head on the package's frozen ResNet18.</summary>
    public static GwmTrainingOptions TinyResNet18(int iterations) => Tiny(iterations) with
    {
        Network = GwmNetworkOptions.CpuResNet18 with { ConvDim = 16, MaskDim = 16, HiddenDim = 32, FeedForwardDim = 64, DecoderLayers = 2 },
    };
}
