using VideoSeg.Flow.Devices;

namespace VideoSeg.Models.Training;

/// <summary>What the training stage reads, how it trains and where the model goes.</summary>
/// <param name="Dataset">The suite root in the DAVIS layout.</param>
/// <param name="Flows">The flows stage's output.</param>
/// <param name="Output">Where the trained model goes; checkpoints accumulate beside it in <c>&lt;out&gt;.training/</c> until it is complete.</param>
/// <param name="Training">The trainer's options.</param>
/// <param name="Device">The device, resolved once by the caller.</param>
public sealed record TrainingStageOptions(string Dataset, string Flows, string Output, GwmTrainingOptions Training, DeviceChoice Device);
