using System.CommandLine;
using VideoSeg.Cli.Infrastructure;
using VideoSeg.Core.Experiments;
using VideoSeg.Flow.Devices;
using VideoSeg.Refine;

namespace VideoSeg.Cli.Commands;

/// <summary><c>videoseg refine</c>: parses the options and runs <see cref="RefineStage"/>.</summary>
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
        var seed = CommonOptions.Seed("Seed recorded for the run (the refinements are deterministic).");
        var force = CommonOptions.Force();
        var controls = StageControls.ForShardedStage();
        var command = new Command("refine", "Run every refinement configuration of the experiment matrix.") { dataset, flows, occlusions, baseMasks, references, matrix, only, output, device, seed, force };
        controls.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            string matrixPath = parse.GetValue(matrix)!.FullName;
            var options = new RefineStageOptions(
                parse.GetValue(dataset)!.FullName,
                parse.GetValue(flows)!.FullName,
                parse.GetValue(occlusions)!.FullName,
                parse.GetValue(baseMasks)!.FullName,
                matrixPath,
                ExperimentMatrix.Load(matrixPath),
                parse.GetValue(only) ?? [],
                parse.GetValue(references) ?? [],
                parse.GetValue(output)!.FullName,
                DeviceChoice.Resolve(parse.GetValue(device)!),
                parse.GetValue(seed));
            var stage = new RefineStage(options);
            return await controls.RunAsync(parse, stage, parse.GetValue(force), new ConsoleProgress(RefineStage.Name, 1), ct).ConfigureAwait(false);
        });
        return command;
    }
}
