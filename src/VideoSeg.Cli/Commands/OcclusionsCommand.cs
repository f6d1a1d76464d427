using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TorchSharp;
using VideoSeg.Cli.Infrastructure;
using VideoSeg.Core.Experiments;
using VideoSeg.Core.Imaging;
using VideoSeg.Core.Pipeline;
using VideoSeg.Data.Imaging;
using VideoSeg.Data.Sequences;
using VideoSeg.Flow.Devices;
using VideoSeg.Flow.Occlusion;
using VideoSeg.Flow.Storage;

namespace VideoSeg.Cli.Commands;

/// <summary>
/// <c>videoseg occlusions</c>: the UnFlow forward–backward check for every cached flow, saved as
/// PNG visibility masks (255 = visible in the other frame, the paper's convention of 1 = not
/// occluded) in <c>Occlusions_gap{g}/&lt;seq&gt;/&lt;stem&gt;.png</c>, named like the flows.
/// </summary>
public static class OcclusionsCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var dataset = CommonOptions.Dataset();
        var flows = CommonOptions.Flows();
        var output = CommonOptions.RequiredDirectory("--out", "Where to write Occlusions_gap{g}/<seq>/<stem>.png.");
        var matrix = CommonOptions.Matrix();
        var device = CommonOptions.Device();
        var force = CommonOptions.Force();
        var command = new Command("occlusions", "Compute UnFlow occlusion (visibility) masks for every flow.") { dataset, flows, output, matrix, device, force };
        command.SetAction((parse, ct) =>
        {
            ExperimentMatrix experiments = ExperimentMatrix.Load(parse.GetValue(matrix)!.FullName);
            var layout = new DatasetLayout(parse.GetValue(dataset)!.FullName);
            string flowsRoot = parse.GetValue(flows)!.FullName;
            var stage = new IncrementalStage("occlusions", parse.GetValue(output)!.FullName)
                .WithParameter("code", CodeVersion.Of<OcclusionOptions>())
                .WithParameter("occlusion", experiments.Occlusion)
                .WithParameter("device", parse.GetValue(device))
                .WithInput(flowsRoot)
                .WithInput(layout.SequenceListPath)
                .WithInputRoot(layout.Root)
                .WithInputRoot(parse.GetValue(matrix)!.FullName);
            return StageRunner.RunAsync(
                stage,
                parse.GetValue(force),
                (partial, token) => Task.Run(() => Compute(layout, flowsRoot, partial, OcclusionOptions.From(experiments.Occlusion), FlowDevice.Resolve(parse.GetValue(device)!), token), token),
                ct);
        });
        return command;
    }

    private static void Compute(DatasetLayout layout, string flowsRoot, string outputRoot, OcclusionOptions options, torch.Device device, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> sequences = layout.ReadSequences();
        var progress = new ConsoleProgress("occlusions", sequences.Count);
        int[] gaps = [1, -1, 2, -2];
        foreach (string name in sequences)
        {
            cancellationToken.ThrowIfCancellationRequested();
            VideoSequence sequence = SequenceReader.Open(layout, name, cancellationToken: cancellationToken);
            IReadOnlyList<string> stems = sequence.FrameStems;
            int[] available = gaps.Where(g => Math.Abs(g) < stems.Count).ToArray();
            using SequenceFlows flows = SequenceFlows.FromFlowFields(stems.Count, SequenceFlowStore.Read(flowsRoot, name, stems, available), options, device);
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

            progress.Step(name);
        }
    }
}
