namespace VideoSeg.Models.Training;

/// <summary>What the training stage records beside the model it produced (<c>training.json</c>).</summary>
/// <param name="Iterations">Optimizer steps the model has had.</param>
/// <param name="ResumedFrom">The iteration this invocation resumed from (0 for a fresh run).</param>
/// <param name="Seconds">Wall time of this invocation's training.</param>
/// <param name="IterationsPerSecond">Steps per second in this invocation, or null when it trained none.</param>
/// <param name="FinalLoss">The last step's flow-reconstruction loss.</param>
/// <param name="Device">The device trained on.</param>
/// <param name="Options">The training options.</param>
/// <param name="Backbone">The backbone as tables name it, e.g. "ResNet18 (ImageNet-supervised)" (null in summaries written before it was recorded).</param>
/// <param name="FeatureCache">The frozen backbone's feature cache at the end of this invocation, or null when the backbone trained.</param>
public sealed record TrainingSummary(
    int Iterations,
    int ResumedFrom,
    double Seconds,
    double? IterationsPerSecond,
    double? FinalLoss,
    string Device,
    GwmTrainingOptions Options,
    string? Backbone = null,
    FeatureCacheSummary? FeatureCache = null);
