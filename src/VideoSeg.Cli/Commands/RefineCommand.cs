using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using VideoSeg.Cli.Infrastructure;
using VideoSeg.Core;
using VideoSeg.Core.Experiments;
using VideoSeg.Core.Imaging;
using VideoSeg.Core.Pipeline;
using VideoSeg.Data.Imaging;
using VideoSeg.Data.Masks;
using VideoSeg.Data.Sequences;
using VideoSeg.Evaluation;
using VideoSeg.Flow.Devices;
using VideoSeg.Flow.Occlusion;
using VideoSeg.Flow.Storage;
using VideoSeg.Refine;

namespace VideoSeg.Cli.Commands;

/// <summary>
/// <c>videoseg refine</c>: runs every configuration of the experiment matrix on the base masks and
/// writes each result in the DAVIS results layout, <c>&lt;out&gt;/&lt;config&gt;/masks/&lt;seq&gt;/&lt;stem&gt;.png</c>
/// (0/255), so that official tools can score it. Iterative configurations write one folder per
/// iteration, <c>&lt;config&gt;@&lt;k&gt;</c>.
/// </summary>
public static class RefineCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var dataset = CommonOptions.Dataset();
        var flows = CommonOptions.Flows();
        var occlusions = CommonOptions.RequiredDirectory("--occlusions", "The visibility masks written by 'videoseg occlusions'.");
        var baseMasks = CommonOptions.RequiredDirectory("--basemasks", "The base masks written by 'videoseg basemasks'.");
        var matrix = CommonOptions.Matrix();
        var only = new Option<string[]>("--config") { Description = "Run only these configurations (repeatable); default: all." };
        var references = new Option<string[]>("--reference") { Description = "<source>=<folder>: the base masks of another source, for the matrix's 'reference' rows (repeatable), e.g. motion=results/synthetic/basemasks/motion." };
        var output = CommonOptions.RequiredDirectory("--out", "Where to write <config>/masks/<seq>/<stem>.png.");
        var device = CommonOptions.Device();
        var seed = new Option<int>("--seed") { Description = "Seed recorded for the run (the refinements are deterministic).", DefaultValueFactory = _ => 42 };
        var force = CommonOptions.Force();
        var command = new Command("refine", "Run every refinement configuration of the experiment matrix.") { dataset, flows, occlusions, baseMasks, references, matrix, only, output, device, seed, force };
        command.SetAction((parse, ct) =>
        {
            ExperimentMatrix experiments = ExperimentMatrix.Load(parse.GetValue(matrix)!.FullName);
            string[] selected = parse.GetValue(only) ?? [];
            IReadOnlyList<RefinementConfiguration> configurations = selected.Length == 0 ? experiments.Configurations : selected.Select(experiments.Find).ToList();
            var layout = new DatasetLayout(parse.GetValue(dataset)!.FullName);
            string flowsRoot = parse.GetValue(flows)!.FullName;
            string baseRoot = parse.GetValue(baseMasks)!.FullName;
            string occlusionsRoot = parse.GetValue(occlusions)!.FullName;
            IReadOnlyDictionary<string, string> referenceRoots = ReferenceRoots(parse.GetValue(references) ?? [], configurations);
            var stage = new IncrementalStage("refine", parse.GetValue(output)!.FullName)
                .WithParameter("code", CodeVersion.Of<IMaskRefinement>())
                .WithParameter("matrix", experiments.Hash)
                .WithParameter("configurations", string.Join(',', configurations.Select(c => c.Name)))
                .WithParameter("device", parse.GetValue(device))
                .WithParameter("seed", parse.GetValue(seed))
                .WithInput(flowsRoot)
                .WithInput(occlusionsRoot)
                .WithInput(baseRoot)
                .WithInput(layout.SequenceListPath)
                .WithInputRoot(layout.Root)
                .WithInputRoot(parse.GetValue(matrix)!.FullName);
            foreach ((string source, string root) in referenceRoots)
            {
                stage.WithParameter($"reference:{source}", source).WithInput(root);
            }

            return StageRunner.RunAsync(
                stage,
                parse.GetValue(force),
                (partial, token) => Task.Run(() => Compute(layout, flowsRoot, occlusionsRoot, baseRoot, referenceRoots, experiments, configurations, partial, parse.GetValue(device)!, token), token),
                ct);
        });
        return command;
    }

    private static void Compute(
        DatasetLayout layout,
        string flowsRoot,
        string occlusionsRoot,
        string baseRoot,
        IReadOnlyDictionary<string, string> referenceRoots,
        ExperimentMatrix experiments,
        IReadOnlyList<RefinementConfiguration> configurations,
        string outputRoot,
        string device,
        CancellationToken cancellationToken)
    {
        IReadOnlyList<string> sequences = layout.ReadSequences();
        var progress = new ConsoleProgress("refine", sequences.Count);
        TorchSharp.torch.Device resolved = FlowDevice.Resolve(device);
        int[] gaps = configurations.SelectMany(RefinementFactory.RequiredGaps).Distinct().Order().ToArray();
        foreach (string name in sequences)
        {
            cancellationToken.ThrowIfCancellationRequested();
            VideoSequence sequence = SequenceReader.Open(layout, name, cancellationToken: cancellationToken);
            IReadOnlyList<string> stems = sequence.FrameStems;
            IReadOnlyList<BinaryMask> baseMasks = MaskFolders.Read(baseRoot, name, stems);
            int[] available = gaps.Where(g => Math.Abs(g) < stems.Count).ToArray();
            // Visibility comes from the occlusions stage's masks, so every refinement sees exactly what was saved.
            using SequenceFlows flows = SequenceFlows.FromFlowFields(stems.Count, SequenceFlowStore.Read(flowsRoot, name, stems, available), occlusion: null, resolved);
            foreach (int gap in available.Where(g => available.Contains(-g)))
            {
                flows.WithVisibility(gap, ReadVisibility(occlusionsRoot, gap, name, stems));
            }
            foreach (RefinementConfiguration configuration in configurations)
            {
                if (configuration.Kind == RefinementKind.Reference)
                {
                    MaskFolders.Write(MasksRoot(outputRoot, configuration.Name), name, stems, ReadReference(referenceRoots[configuration.Source!], name, stems, baseMasks[0]));
                    continue;
                }

                IMaskRefinement? refinement = RefinementFactory.Create(configuration, experiments.Threshold);
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

            progress.Step($"{name} ({configurations.Count} configurations)");
        }
    }

    /// <summary>Parses <c>source=folder</c> pairs and checks that every reference row of the run has its folder.</summary>
    private static SortedDictionary<string, string> ReferenceRoots(string[] pairs, IReadOnlyList<RefinementConfiguration> configurations)
    {
        var roots = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (string pair in pairs)
        {
            int split = pair.IndexOf('=', StringComparison.Ordinal);
            if (split <= 0 || split == pair.Length - 1)
            {
                throw new VideoSegException(ErrorCodes.InvalidArgument, $"--reference '{pair}' is not of the form <source>=<folder>, e.g. motion=results/synthetic/basemasks/motion");
            }

            string root = Path.GetFullPath(pair[(split + 1)..]);
            if (!Directory.Exists(root))
            {
                throw new VideoSegException(ErrorCodes.MissingFile, $"--reference '{pair}': folder not found: expected base masks in '{root}' (run 'videoseg basemasks --out {root}')", root);
            }

            roots[pair[..split]] = root;
        }

        foreach (RefinementConfiguration configuration in configurations.Where(c => c.Kind == RefinementKind.Reference))
        {
            if (!roots.ContainsKey(configuration.Source!))
            {
                throw new VideoSegException(ErrorCodes.InvalidArgument, $"configuration '{configuration.Name}' shows the '{configuration.Source}' base masks: pass --reference {configuration.Source}=<folder of its base masks>");
            }
        }

        return roots;
    }

    /// <summary>A reference source's masks at the base masks' resolution, so that both rows are scored alike.</summary>
    private static List<BinaryMask> ReadReference(string root, string sequence, IReadOnlyList<string> stems, BinaryMask like) =>
        MaskFolders.Read(root, sequence, stems)
            .Select(m => MaskResampler.Resample(m, like.Width, like.Height))
            .ToList();

    private static BinaryMask?[] ReadVisibility(string occlusionsRoot, int gap, string sequence, IReadOnlyList<string> stems) =>
        ParallelDecoder.Map(
            stems.Count,
            t =>
            {
                if (t + gap < 0 || t + gap >= stems.Count)
                {
                    return null;
                }

                string path = DatasetLayout.OcclusionPath(occlusionsRoot, gap, sequence, stems[t]);
                return File.Exists(path)
                    ? ImageCodec.ReadMask(path)
                    : throw new VideoSegException(ErrorCodes.MissingFile, $"visibility mask not found: expected '{path}'; rerun 'videoseg occlusions'", path);
            },
            CancellationToken.None);

    private static string MasksRoot(string outputRoot, string outputName) => Path.Combine(outputRoot, outputName, "masks");
}
