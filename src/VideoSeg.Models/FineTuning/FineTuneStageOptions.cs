using System.Collections.Generic;
using VideoSeg.Flow.Devices;

namespace VideoSeg.Models.FineTuning;

/// <summary>What the finetune stage reads, how it trains and where its records go.</summary>
/// <param name="Dataset">The suite root in the DAVIS layout (annotations needed: J is measured during fine-tuning).</param>
/// <param name="Flows">The flows stage's output (gap ±1 flows).</param>
/// <param name="Occlusions">The occlusions stage's output (visibility, for occlusion-weighted configurations).</param>
/// <param name="Model">The 2-mask starting network: a train stage's folder or a <c>checkpoint_*.pth</c>.</param>
/// <param name="Matrix">The experiment matrix; its <c>fineTuning</c> part lists the configurations.</param>
/// <param name="Output">Where the records go.</param>
/// <param name="Protocol">per-sequence (Table 2) or long (Figures 8 and 9).</param>
/// <param name="Sequences">The sequences to fine-tune on, or null for the suite's list (its first one for the long protocol, which takes exactly one).</param>
/// <param name="Training">Steps, batch, learning rate, evaluation period, seed and input size; its loss is set per configuration.</param>
/// <param name="SnapshotFrame">The frame whose prediction is kept at every evaluation for Figure 9 (long protocol), or null for the middle frame.</param>
/// <param name="Device">The device, resolved once by the caller.</param>
/// <param name="MaxSequences">With <paramref name="Sequences"/> null: at most this many sequences, the first of the suite's list (a smaller study).</param>
public sealed record FineTuneStageOptions(
    string Dataset,
    string Flows,
    string Occlusions,
    string Model,
    string Matrix,
    string Output,
    FineTuningProtocol Protocol,
    IReadOnlyList<string>? Sequences,
    FineTuningOptions Training,
    int? SnapshotFrame,
    DeviceChoice Device,
    int? MaxSequences = null);
