using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using VideoSeg.Cli.Infrastructure;
using VideoSeg.Core;
using VideoSeg.Core.Imaging;
using VideoSeg.Core.Pipeline;
using VideoSeg.Data.Sequences;
using VideoSeg.Evaluation;
using VideoSeg.Flow.Devices;
using VideoSeg.Refine;

namespace VideoSeg.Cli.Commands;

/// <summary>
/// <c>videoseg basemasks</c>: the masks every refinement starts from, one foreground mask per frame at
/// the flows' resolution, in <c>&lt;out&gt;/&lt;seq&gt;/&lt;stem&gt;.png</c>. Sources: <c>motion</c>, the
/// classical motion-segmentation baseline (a robust fit of GWM's quadratic motion model), or
/// <c>import</c>, a folder of PNG masks such as GWM's predictions in the DAVIS results layout.
/// </summary>
public static class BaseMasksCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var dataset = CommonOptions.Dataset();
        var flows = CommonOptions.Flows();
        var output = CommonOptions.RequiredDirectory("--out", "Where to write <seq>/<stem>.png.");
        var source = new Option<string>("--source") { Description = "motion (classical baseline) or import.", DefaultValueFactory = _ => "motion" };
        source.AcceptOnlyFromAmong("motion", "import");
        var import = new Option<System.IO.DirectoryInfo?>("--import") { Description = "import: a folder of <seq>/<stem>.png masks (any resolution; resampled to the flows')." };
        var device = CommonOptions.Device();
        var force = CommonOptions.Force();
        var command = new Command("basemasks", "Produce the base masks that the refinements start from.") { dataset, flows, output, source, import, device, force };
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

            var baseline = new MotionSegmentationBaseline();
            var stage = new IncrementalStage("basemasks", parse.GetValue(output)!.FullName)
                .WithParameter("code", CodeVersion.Of<MotionSegmentationBaseline>())
                .WithParameter("source", kind)
                .WithParameter("baseline", baseline.Name)
                .WithInput(flowsRoot)
                .WithInput(layout.SequenceListPath);
            if (importRoot is not null)
            {
                stage.WithInput(importRoot);
            }

            return StageRunner.RunAsync(
                stage,
                parse.GetValue(force),
                (partial, token) => Task.Run(() => Compute(layout, flowsRoot, partial, kind, importRoot, baseline, parse.GetValue(device)!, token), token),
                ct);
        });
        return command;
    }

    private static void Compute(DatasetLayout layout, string flowsRoot, string outputRoot, string kind, string? importRoot, MotionSegmentationBaseline baseline, string device, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> sequences = layout.ReadSequences();
        var progress = new ConsoleProgress("basemasks", sequences.Count);
        TorchSharp.torch.Device resolved = FlowDevice.Resolve(device);
        foreach (string name in sequences)
        {
            cancellationToken.ThrowIfCancellationRequested();
            VideoSequence sequence = SequenceReader.Open(layout, name, cancellationToken: cancellationToken);
            IReadOnlyList<string> stems = sequence.FrameStems;
            Dictionary<int, IReadOnlyList<FlowField?>> flows = SequenceFlowStore.Read(flowsRoot, name, stems, [1, -1]);
            FlowField reference = flows[1].Concat(flows[-1]).First(f => f is not null)!;
            IReadOnlyList<BinaryMask> masks;
            if (kind == "import")
            {
                masks = MaskFolders.Read(importRoot!, name, stems)
                    .Select(m => m.Width == reference.Width && m.Height == reference.Height ? m : MaskResampler.Resample(m, reference.Width, reference.Height))
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
