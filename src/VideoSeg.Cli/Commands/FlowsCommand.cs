using System.CommandLine;
using System.IO;
using VideoSeg.Cli.Infrastructure;
using VideoSeg.Core;
using VideoSeg.Core.Pipeline;
using VideoSeg.Flow.Devices;
using VideoSeg.Flow.Estimation;
using VideoSeg.Models.Raft;

namespace VideoSeg.Cli.Commands;

/// <summary><c>videoseg flows</c>: parses the options and runs <see cref="FlowsStage"/>.</summary>
public static class FlowsCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var dataset = CommonOptions.Dataset();
        var output = CommonOptions.RequiredDirectory("--out", "Where to write Flows_gap{g}/<seq>/<stem>.flo.");
        var estimator = new Option<string>("--estimator") { Description = "tvl1 (accurate TV-L1), tvl1-fast, groundtruth (synthetic suite), import-flo, import-npy, raft or raft-small (with --raft-weights).", DefaultValueFactory = _ => "tvl1-fast" };
        estimator.AcceptOnlyFromAmong(FlowEstimatorNames.All);
        var source = new Option<DirectoryInfo?>("--source") { Description = "import-flo: a Flows_gap{g} tree; import-npy: the dataset folder holding SSL-VOS's flow_1_*/flow_reverse_1_* folders." };
        var device = CommonOptions.Device();
        var width = new Option<int>("--width") { Description = "Working width in pixels.", DefaultValueFactory = _ => 224 };
        var height = new Option<int>("--height") { Description = "Working height in pixels.", DefaultValueFactory = _ => 128 };
        var gaps = new Option<string>("--gaps") { Description = "Comma-separated gaps.", DefaultValueFactory = _ => "1,-1,2,-2" };
        var keep = new Option<bool>("--keep-imported-displacements") { Description = "Imports: resize without rescaling displacements, as the paper's code does." };
        var raftWeights = new Option<FileInfo?>("--raft-weights") { Description = "raft, raft-small: RAFT's released weights (raft-things.pth, raft-sintel.pth or raft-small.pth from RAFT's models.zip), loaded strictly." };
        var raftIterations = new Option<int>("--raft-iterations") { Description = "raft, raft-small: update iterations per pair (20: RAFT's demo and the MotionGrouping flows GWM used; 12: RAFT's default; 32: its Sintel evaluation).", DefaultValueFactory = _ => RaftOptions.DefaultIterations };
        var force = CommonOptions.Force();
        var controls = StageControls.ForShardedStage();
        var command = new Command("flows", "Compute or import optical flows (gaps ±1, ±2) and cache them as .flo files.") { dataset, output, estimator, source, device, width, height, gaps, keep, raftWeights, raftIterations, force };
        controls.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            FlowEstimatorKind kind = FlowEstimatorNames.Parse(parse.GetValue(estimator)!);
            var options = new FlowsStageOptions(
                parse.GetValue(dataset)!.FullName,
                parse.GetValue(output)!.FullName,
                kind,
                parse.GetValue(source)?.FullName,
                DeviceChoice.Resolve(parse.GetValue(device)!),
                parse.GetValue(width),
                parse.GetValue(height),
                GapList.Parse(parse.GetValue(gaps)!),
                parse.GetValue(keep),
                RaftFactory(kind, parse.GetValue(raftWeights), parse.GetValue(raftIterations)));
            var stage = new FlowsStage(options);
            return await controls.RunAsync(parse, stage, parse.GetValue(force), new ConsoleProgress(FlowsStage.Name, 1), ct).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>RAFT's estimator for <c>--estimator raft</c> or <c>raft-small</c>; null for the others, which take no RAFT options.</summary>
    private static RaftFlowEstimatorFactory? RaftFactory(FlowEstimatorKind kind, FileInfo? weights, int iterations)
    {
        RaftVariant? variant = kind switch
        {
            FlowEstimatorKind.Raft => RaftVariant.Full,
            FlowEstimatorKind.RaftSmall => RaftVariant.Small,
            _ => null,
        };
        if (variant is null)
        {
            return weights is null ? null : throw new VideoSegException(ErrorCodes.InvalidArgument, $"--raft-weights applies to --estimator raft or raft-small, not {FlowEstimatorNames.Name(kind)}");
        }

        if (weights is null)
        {
            throw new VideoSegException(
                ErrorCodes.InvalidArgument,
                $"--estimator {FlowEstimatorNames.Name(kind)} needs --raft-weights: RAFT's {(variant == RaftVariant.Small ? "raft-small.pth" : "raft-things.pth (or raft-sintel.pth)")} from its models.zip");
        }

        return new RaftFlowEstimatorFactory(new RaftOptions(variant.Value, iterations), weights.FullName);
    }
}
