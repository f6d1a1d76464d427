using System.CommandLine;
using VideoSeg.Cli.Infrastructure;
using VideoSeg.Core.Experiments;
using VideoSeg.Flow.Devices;
using VideoSeg.Flow.Occlusion;

namespace VideoSeg.Cli.Commands;

/// <summary><c>videoseg occlusions</c>: parses the options and runs <see cref="OcclusionsStage"/>.</summary>
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
        var controls = StageControls.ForShardedStage();
        var command = new Command("occlusions", "Compute UnFlow occlusion (visibility) masks for every flow.") { dataset, flows, output, matrix, device, force };
        controls.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            string matrixPath = parse.GetValue(matrix)!.FullName;
            var options = new OcclusionsStageOptions(
                parse.GetValue(dataset)!.FullName,
                parse.GetValue(flows)!.FullName,
                parse.GetValue(output)!.FullName,
                matrixPath,
                ExperimentMatrix.Load(matrixPath).Occlusion,
                DeviceChoice.Resolve(parse.GetValue(device)!));
            var stage = new OcclusionsStage(options);
            return await controls.RunAsync(parse, stage, parse.GetValue(force), new ConsoleProgress(OcclusionsStage.Name, 1), ct).ConfigureAwait(false);
        });
        return command;
    }
}
