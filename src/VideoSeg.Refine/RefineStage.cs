using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using VideoSeg.Core.Experiments;
using VideoSeg.Core.Imaging;
using VideoSeg.Core.Pipeline;
using VideoSeg.Data.Masks;
using VideoSeg.Data.Sequences;
using VideoSeg.Flow.Occlusion;
using VideoSeg.Flow.Storage;

namespace VideoSeg.Refine;

/// <summary>
/// The refine stage: runs every configuration of the experiment matrix on the base masks and writes each
/// result in the DAVIS results layout, <c>&lt;out&gt;/&lt;config&gt;/masks/&lt;seq&gt;/&lt;stem&gt;.png</c> (0/255), so
/// that official tools can score it. Iterative configurations write one folder per iteration,
/// <c>&lt;config&gt;@&lt;k&gt;</c>; reference rows copy another source's base masks at the base masks' resolution.
/// </summary>
public sealed class RefineStage : IShardedStage
{
    /// <summary>The stage's name in stamps and logs.</summary>
    public const string Name = "refine";

    private readonly RefineStageOptions _options;
    private readonly DatasetLayout _layout;
    private readonly IReadOnlyList<RefinementConfiguration> _configurations;
    private readonly SortedDictionary<string, string> _references;

    // Built once, so that a bad warp convention or propagation is refused before any work.
    private readonly IMaskRefinement?[] _refinements;

    /// <summary>Creates the stage; unknown configurations, malformed references and bad choices in the matrix are refused here.</summary>
    public RefineStage(RefineStageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _layout = new DatasetLayout(options.Dataset);
        _configurations = options.Configurations.Count == 0 ? options.Matrix.Configurations : options.Configurations.Select(options.Matrix.Find).ToList();
        _references = ReferenceRoots.Parse(options.References, _configurations);
        _refinements = _configurations.Select(c => c.Kind == RefinementKind.Reference ? null : RefinementFactory.Create(c, options.Matrix.Threshold)).ToArray();
    }

    /// <summary>The configurations this run computes, in order.</summary>
    public IReadOnlyList<RefinementConfiguration> Configurations => _configurations;

    /// <summary>The incremental stage: output, stamp, parameters and inputs.</summary>
    public IncrementalStage Describe()
    {
        IncrementalStage stage = new IncrementalStage(Name, _options.Output)
            .WithCode(typeof(RefineStage))
            .WithParameter("matrix", _options.Matrix.Hash)
            .WithParameter("configurations", string.Join(',', _configurations.Select(c => c.Name)))
            .WithParameter("device", _options.Device.StampValue)
            .WithParameter("seed", _options.Seed)
            .WithInput(_options.Flows)
            .WithInput(_options.Occlusions)
            .WithInput(_options.BaseMasks)
            .WithInput(_layout.SequenceListPath)
            .WithInputRoot(_layout.Root)
            .WithInputRoot(_options.MatrixPath);
        foreach ((string source, string root) in _references)
        {
            stage.WithParameter($"reference:{source}", source).WithInput(root);
        }

        return stage;
    }

    /// <summary>Runs the stage unless it is up to date (or <paramref name="force"/>).</summary>
    public Task<StageOutcome> RunAsync(bool force, IProgress<StageProgress>? progress, CancellationToken cancellationToken) =>
        RunAsync(ShardSpec.Whole, force, progress, cancellationToken);

    /// <inheritdoc />
    /// <remarks>Each shard writes every configuration's masks of its own sequences.</remarks>
    public Task<StageOutcome> RunAsync(ShardSpec shard, bool force, IProgress<StageProgress>? progress, CancellationToken cancellationToken) =>
        ShardedStage.RunAsync(Describe(), shard, (folder, token) => Task.Run(() => Compute(folder, shard, progress, token), token), force, cancellationToken);

    /// <inheritdoc />
    /// <remarks>The masks of all shards, which never share a file.</remarks>
    public Task<StageOutcome> MergeShardsAsync(int count, bool force, CancellationToken cancellationToken) =>
        ShardedStage.MergeAsync(Describe(), count, (shards, folder, token) => ShardedStage.CopyUnion(shards, folder, cancellationToken: token), force, cancellationToken);

    private void Compute(string outputRoot, ShardSpec shard, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> sequences = shard.Select(_layout.ReadSequences());
        int[] gaps = _configurations.SelectMany(RefinementFactory.RequiredGaps).Distinct().Order().ToArray();
        foreach (string name in sequences)
        {
            cancellationToken.ThrowIfCancellationRequested();
            VideoSequence sequence = SequenceReader.Open(_layout, name, cancellationToken: cancellationToken);
            IReadOnlyList<string> stems = sequence.FrameStems;
            IReadOnlyList<BinaryMask> baseMasks = MaskFolders.Read(_options.BaseMasks, name, stems);
            int[] available = gaps.Where(g => Math.Abs(g) < stems.Count).ToArray();
            // Visibility comes from the occlusions stage's masks, so every refinement sees exactly what was saved.
            using SequenceFlows flows = SequenceFlows.FromFlowFields(stems.Count, SequenceFlowStore.Read(_options.Flows, name, stems, available), occlusion: null, _options.Device.Resolved);
            foreach (int gap in available.Where(g => available.Contains(-g)))
            {
                flows.WithVisibility(gap, SequenceVisibilityStore.Read(_options.Occlusions, gap, name, stems, CancellationToken.None));
            }

            for (int i = 0; i < _configurations.Count; i++)
            {
                RefineSequence(outputRoot, _configurations[i], _refinements[i], name, stems, baseMasks, flows, cancellationToken);
            }

            progress?.Report(StageProgress.Step($"{name} ({_configurations.Count} configurations)", sequences.Count));
        }
    }

    private void RefineSequence(
        string outputRoot,
        RefinementConfiguration configuration,
        IMaskRefinement? refinement,
        string name,
        IReadOnlyList<string> stems,
        IReadOnlyList<BinaryMask> baseMasks,
        SequenceFlows flows,
        CancellationToken cancellationToken)
    {
        if (configuration.Kind == RefinementKind.Reference)
        {
            MaskFolders.Write(MasksRoot(outputRoot, configuration.Name), name, stems, ReadReference(_references[configuration.Source!], name, stems, baseMasks[0]));
            return;
        }

        switch (refinement)
        {
            case null:
                MaskFolders.Write(MasksRoot(outputRoot, configuration.Name), name, stems, baseMasks);
                break;
            case IterativeWarpingRefinement iterative:
                IReadOnlyList<IReadOnlyList<BinaryMask>> iterations = iterative.RefineAllIterations(baseMasks, flows, cancellationToken);
                for (int k = 0; k < iterations.Count; k++)
                {
                    MaskFolders.Write(MasksRoot(outputRoot, configuration.IterationOutputName(k + 1)), name, stems, iterations[k]);
                }

                break;
            default:
                MaskFolders.Write(MasksRoot(outputRoot, configuration.Name), name, stems, refinement.Refine(baseMasks, flows, cancellationToken));
                break;
        }
    }

    /// <summary>A reference source's masks at the base masks' resolution, so that both rows are scored alike.</summary>
    private static List<BinaryMask> ReadReference(string root, string sequence, IReadOnlyList<string> stems, BinaryMask like) =>
        MaskFolders.Read(root, sequence, stems)
            .Select(m => MaskResampler.Resample(m, like.Width, like.Height))
            .ToList();

    private static string MasksRoot(string outputRoot, string outputName) => Path.Combine(outputRoot, outputName, "masks");
}
