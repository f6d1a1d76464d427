using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using VideoSeg.Core.Imaging;
using VideoSeg.Core.Pipeline;
using VideoSeg.Data.Imaging;
using VideoSeg.Data.Sequences;
using VideoSeg.Flow.Storage;

namespace VideoSeg.Flow.Occlusion;

/// <summary>
/// The occlusions stage: the UnFlow forward–backward check for every cached flow, saved as PNG visibility
/// masks (255 = visible in the other frame, the paper's 1 = not occluded) in
/// <c>Occlusions_gap{g}/&lt;seq&gt;/&lt;stem&gt;.png</c>, named like the flows. Incremental: its stamp covers the
/// flows, the sequence list, the check's settings, the device and the code (<see cref="CodeFingerprint"/>).
/// </summary>
public sealed class OcclusionsStage : IShardedStage
{
    /// <summary>The stage's name in stamps and logs.</summary>
    public const string Name = "occlusions";

    private static readonly int[] s_gaps = [1, -1, 2, -2];
    private readonly OcclusionsStageOptions _options;
    private readonly DatasetLayout _layout;

    /// <summary>Creates the stage.</summary>
    public OcclusionsStage(OcclusionsStageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _layout = new DatasetLayout(options.Dataset);
    }

    /// <summary>The incremental stage: output, stamp, parameters and inputs.</summary>
    public IncrementalStage Describe() =>
        new IncrementalStage(Name, _options.Output)
            .WithCode(typeof(OcclusionsStage))
            .WithParameter("occlusion", _options.Occlusion)
            .WithParameter("device", _options.Device.StampValue)
            .WithInput(_options.Flows)
            .WithInput(_layout.SequenceListPath)
            .WithInputRoot(_layout.Root)
            .WithInputRoot(_options.MatrixPath);

    /// <summary>Runs the stage unless it is up to date (or <paramref name="force"/>).</summary>
    public Task<StageOutcome> RunAsync(bool force, IProgress<StageProgress>? progress, CancellationToken cancellationToken) =>
        RunAsync(ShardSpec.Whole, force, progress, cancellationToken);

    /// <inheritdoc />
    /// <remarks>Each shard writes the visibility masks of its own sequences.</remarks>
    public Task<StageOutcome> RunAsync(ShardSpec shard, bool force, IProgress<StageProgress>? progress, CancellationToken cancellationToken) =>
        ShardedStage.RunAsync(Describe(), shard, (folder, token) => Task.Run(() => Compute(folder, shard, progress, token), token), force, cancellationToken);

    /// <inheritdoc />
    /// <remarks>The masks of all shards, which never share a file.</remarks>
    public Task<StageOutcome> MergeShardsAsync(int count, bool force, CancellationToken cancellationToken) =>
        ShardedStage.MergeAsync(Describe(), count, (shards, folder, token) => ShardedStage.CopyUnion(shards, folder, cancellationToken: token), force, cancellationToken);

    private void Compute(string outputRoot, ShardSpec shard, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        OcclusionOptions options = OcclusionOptions.From(_options.Occlusion);
        IReadOnlyList<string> sequences = shard.Select(_layout.ReadSequences());
        foreach (string name in sequences)
        {
            cancellationToken.ThrowIfCancellationRequested();
            VideoSequence sequence = SequenceReader.Open(_layout, name, cancellationToken: cancellationToken);
            IReadOnlyList<string> stems = sequence.FrameStems;
            int[] available = s_gaps.Where(g => Math.Abs(g) < stems.Count).ToArray();
            using SequenceFlows flows = SequenceFlows.FromFlowFields(stems.Count, SequenceFlowStore.Read(_options.Flows, name, stems, available), options, _options.Device.Resolved);
            foreach (int gap in available)
            {
                for (int t = 0; t < stems.Count; t++)
                {
                    BinaryMask? visible = flows.GetVisibility(gap, t);
                    if (visible is not null)
                    {
                        ImageCodec.WriteMaskPng(DatasetLayout.OcclusionPath(outputRoot, gap, name, stems[t]), visible);
                    }
                }
            }

            progress?.Report(StageProgress.Step(name, sequences.Count));
        }
    }
}
