using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using VideoSeg.Cli.Infrastructure;
using VideoSeg.Core;
using VideoSeg.Core.Imaging;
using VideoSeg.Core.Pipeline;
using VideoSeg.Data.Imaging;
using VideoSeg.Data.Masks;
using VideoSeg.Data.Sequences;
using VideoSeg.Evaluation;
using VideoSeg.Flow.Devices;
using VideoSeg.Flow.Storage;
using VideoSeg.Models.Foreground;
using VideoSeg.Models.Inference;
using VideoSeg.Models.Motion;
using VideoSeg.Models.Network;

namespace VideoSeg.Cli.Commands;

/// <summary>
/// <c>videoseg basemasks</c>: the masks every refinement starts from, one foreground mask per frame at
/// the flows' resolution, in <c>&lt;out&gt;/&lt;seq&gt;/&lt;stem&gt;.png</c>. Sources: <c>motion</c>, the
/// classical motion-segmentation baseline (a robust fit of GWM's quadratic motion model), or
/// <c>import</c>, a folder of PNG masks such as GWM's predictions in the DAVIS results layout, or <c>gwm</c>, a
/// GWM network: our trainer's export, or GWM's published <c>checkpoint_best.pth</c> with DINO's ViT-B/8 weights
/// (<c>--backbone-weights</c>); K → 2 merging uses GWM's DINO ViT-S/8 key features with <c>--merge-weights</c>,
/// else the network's backbone features. The network's own options set the frame size.
/// </summary>
public static class BaseMasksCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var dataset = CommonOptions.Dataset();
        var flows = CommonOptions.Flows();
        var output = CommonOptions.RequiredDirectory("--out", "Where to write <seq>/<stem>.png.");
        var source = new Option<string>("--source") { Description = "motion (classical baseline), import, or gwm (a network trained with 'videoseg train').", DefaultValueFactory = _ => "motion" };
        source.AcceptOnlyFromAmong("motion", "import", "gwm");
        var model = new Option<FileSystemInfo?>("--model") { Description = "gwm: the training folder (its latest checkpoint_*.pth is used) or a .pth file.", CustomParser = r => r.Tokens.Count == 0 ? null : Directory.Exists(r.Tokens[0].Value) ? new DirectoryInfo(r.Tokens[0].Value) : new FileInfo(r.Tokens[0].Value) };
        var selector = new Option<string>("--selector") { Description = "gwm: which of the two merged masks is the foreground: corner-rule (the paper's code), motion-residual, or oracle-iou (GWM's evaluation: picks with the ground truth).", DefaultValueFactory = _ => "corner-rule" };
        selector.AcceptOnlyFromAmong("corner-rule", "motion-residual", "oracle-iou");
        var queries = new Option<int>("--queries") { Description = "gwm: the K of a network trained with 'videoseg train' (4, or 2 for the paper's variant); GWM's checkpoints carry their own.", DefaultValueFactory = _ => 4 };
        var backboneWeights = new Option<FileInfo?>("--backbone-weights") { Description = "gwm with GWM's published checkpoint_best.pth: DINO's ViT-B/8 weights (dino_vitbase8_pretrain.pth), which GWM's checkpoints do not hold." };
        var mergeWeights = new Option<FileInfo?>("--merge-weights") { Description = "gwm: DINO's ViT-S/8 weights (dino_deitsmall8_pretrain.pth) for GWM's K→2 merging on block-11 key features; without it the network's backbone features are used." };
        var import = new Option<System.IO.DirectoryInfo?>("--import") { Description = "import: a folder of <seq>/<stem>.png masks (any resolution; resampled to the flows')." };
        var device = CommonOptions.Device();
        var force = CommonOptions.Force();
        var command = new Command("basemasks", "Produce the base masks that the refinements start from.") { dataset, flows, output, source, import, model, selector, queries, backboneWeights, mergeWeights, device, force };
        command.SetAction((parse, ct) =>
        {
            var layout = new DatasetLayout(parse.GetValue(dataset)!.FullName);
            string flowsRoot = parse.GetValue(flows)!.FullName;
            string kind = parse.GetValue(source)!;
            string? importRoot = parse.GetValue(import)?.FullName;
            if (kind == "import" && importRoot is null)
            {
                throw new VideoSegException(ErrorCodes.InvalidArgument, "--source import needs --import <folder of <seq>/<stem>.png masks>");
            }

            string? checkpoint = kind == "gwm" ? GwmCheckpoint(parse.GetValue(model)) : null;
            string? backbone = kind == "gwm" ? ExistingFile(parse.GetValue(backboneWeights), "--backbone-weights", "DINO ViT-B/8 weights (dino_vitbase8_pretrain.pth)") : null;
            string? merge = kind == "gwm" ? ExistingFile(parse.GetValue(mergeWeights), "--merge-weights", "DINO ViT-S/8 weights (dino_deitsmall8_pretrain.pth)") : null;
            var gwm = new GwmSource(checkpoint, parse.GetValue(selector)!, parse.GetValue(queries));
            var baseline = new MotionSegmentationBaseline();
            var stage = new IncrementalStage("basemasks", parse.GetValue(output)!.FullName)
                .WithParameter("code", CodeVersion.Of<MotionSegmentationBaseline>())
                .WithParameter("source", kind)
                .WithParameter("gwm", kind == "gwm" ? gwm : null)
                .WithParameter("gwm-code", kind == "gwm" ? CodeVersion.Of<GwmSegmenter>() : null)
                .WithParameter("gwm-merge-features", kind == "gwm" ? (merge is null ? "network-backbone-stride8" : $"dino-vits8-stride4-key{VitKeyFeatureExtractor.GwmLayer}") : null)
                .WithParameter("baseline", baseline.Name)
                .WithInput(flowsRoot)
                .WithInput(layout.SequenceListPath)
                .WithInputRoot(layout.Root);
            if (importRoot is not null)
            {
                stage.WithInput(importRoot);
            }

            if (checkpoint is not null)
            {
                stage.WithInput(checkpoint).WithInput(layout.FramesRoot).WithInputRoot(parse.GetValue(model)!.FullName);
                if (backbone is not null)
                {
                    stage.WithInput(backbone);
                }

                if (merge is not null)
                {
                    stage.WithInput(merge);
                }

                if (gwm.Selector == "oracle-iou")
                {
                    stage.WithInput(layout.AnnotationsRoot);
                }
            }

            return StageRunner.RunAsync(
                stage,
                parse.GetValue(force),
                (partial, token) => Task.Run(() => Compute(layout, flowsRoot, partial, kind, importRoot, gwm, backbone, merge, baseline, parse.GetValue(device)!, token), token),
                ct);
        });
        return command;
    }

    private static void Compute(DatasetLayout layout, string flowsRoot, string outputRoot, string kind, string? importRoot, GwmSource gwm, string? backboneWeights, string? mergeWeights, MotionSegmentationBaseline baseline, string device, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> sequences = layout.ReadSequences();
        var progress = new ConsoleProgress("basemasks", sequences.Count);
        TorchSharp.torch.Device resolved = FlowDevice.Resolve(device);

        // Our trainer's export is a CpuSmall network with the given K; GWM's checkpoint decides its own sizes (GwmDino, its K).
        using GwmNetwork? network = gwm.Checkpoint is null
            ? null
            : GwmSegmenter.LoadNetwork(gwm.Checkpoint, GwmNetworkOptions.CpuSmall with { Queries = gwm.Queries }, resolved, backboneWeights);
        using VitKeyFeatureExtractor? mergeFeatures = network is null || mergeWeights is null ? null : VitKeyFeatureExtractor.LoadGwmMerger(mergeWeights, resolved);
        GwmSegmenter? segmenter = network is null
            ? null
            : new GwmSegmenter(
                network,
                gwm.Selector switch
                {
                    "oracle-iou" => new OracleIoUSelector(),
                    "motion-residual" => new MotionResidualSelector(),
                    _ => new CornerRuleSelector(),
                },
                mergeFeatures);
        foreach (string name in sequences)
        {
            cancellationToken.ThrowIfCancellationRequested();
            VideoSequence sequence = SequenceReader.Open(layout, name, cancellationToken: cancellationToken);
            IReadOnlyList<string> stems = sequence.FrameStems;
            Dictionary<int, IReadOnlyList<FlowField?>> flows = SequenceFlowStore.Read(flowsRoot, name, stems, [1, -1]);
            FlowField reference = flows[1].Concat(flows[-1]).First(f => f is not null)!;
            IReadOnlyList<BinaryMask> masks;
            if (segmenter is not null)
            {
                GwmNetworkOptions net = network!.Options;
                masks = segmenter.Segment(
                        SequenceReader.ReadFrames(sequence, cancellationToken).Select(f => ImageResizer.Resize(f, net.InputWidth, net.InputHeight)).ToList(),
                        flows[1].Select((f, t) => f ?? Negate(flows[-1][t]!)).Select(f => f.Width == net.InputWidth && f.Height == net.InputHeight ? f : null).ToList(),
                        gwm.Selector == "oracle-iou" ? SequenceReader.ReadMasks(sequence, cancellationToken: cancellationToken) : null,
                        batchSize: 8,
                        cancellationToken)
                    .Select(m => MaskResampler.Resample(m, reference.Width, reference.Height))
                    .ToList();
            }
            else if (kind == "import")
            {
                masks = MaskFolders.Read(importRoot!, name, stems)
                    .Select(m => MaskResampler.Resample(m, reference.Width, reference.Height))
                    .ToList();
            }
            else
            {
                // The last frame has no flow to a next frame: its motion is the negated flow to the previous one.
                var forward = new List<FlowField>(stems.Count);
                var backward = new List<FlowField?>(stems.Count);
                for (int t = 0; t < stems.Count; t++)
                {
                    forward.Add(flows[1][t] ?? Negate(flows[-1][t]!));
                    backward.Add(flows[1][t] is null ? null : flows[-1][t]);
                }

                masks = baseline.Segment(forward, backward, resolved);
            }

            MaskFolders.Write(outputRoot, name, stems, masks);
            progress.Step(name);
        }
    }

    private static string GwmCheckpoint(FileSystemInfo? model)
    {
        switch (model)
        {
            case FileInfo file:
                return file.FullName;
            case DirectoryInfo folder:
                string? latest = folder.GetFiles("checkpoint_*.pth").Select(f => f.FullName).Order(StringComparer.Ordinal).LastOrDefault();
                return latest ?? throw new VideoSegException(ErrorCodes.MissingFile, $"no checkpoint_*.pth in '{folder.FullName}'; run 'videoseg train --out {folder.FullName}' first", folder.FullName);
            default:
                throw new VideoSegException(ErrorCodes.InvalidArgument, "--source gwm needs --model <training folder or .pth file>");
        }
    }

    private static string? ExistingFile(FileInfo? file, string option, string what)
    {
        if (file is null)
        {
            return null;
        }

        return file.Exists
            ? file.FullName
            : throw new VideoSegException(ErrorCodes.MissingFile, $"{option}: {what} not found at '{file.FullName}'", file.FullName);
    }

    private static FlowField Negate(FlowField flow)
    {
        var data = new float[flow.Data.Length];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = -flow.Data[i];
        }

        return new FlowField(flow.Width, flow.Height, data);
    }
}
