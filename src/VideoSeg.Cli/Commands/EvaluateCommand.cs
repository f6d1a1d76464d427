using System.CommandLine;
using VideoSeg.Cli.Infrastructure;
using VideoSeg.Evaluation;
using VideoSeg.Evaluation.Stage;

namespace VideoSeg.Cli.Commands;

/// <summary><c>videoseg evaluate</c>: parses the options and runs <see cref="EvaluateStage"/>.</summary>
public static class EvaluateCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var dataset = CommonOptions.Dataset();
        var predictions = CommonOptions.RequiredDirectory("--predictions", "A folder of <name>/masks/<seq>/<stem>.png result folders.");
        var output = CommonOptions.RequiredDirectory("--out", "Where to write <name>.json.");
        var protocol = new Option<string>("--protocol") { Description = "Frames counted: all, skip-first, skip-first-last or gwm (index > 1).", DefaultValueFactory = _ => "all" };
        protocol.AcceptOnlyFromAmong(ProtocolNames.Protocols);
        var bound = new Option<double>("--bound") { Description = "F's boundary tolerance as a fraction of the image diagonal.", DefaultValueFactory = _ => BoundaryMeasure.DefaultBoundThreshold };
        var force = CommonOptions.Force();
        var controls = StageControls.ForShardedStage();
        var command = new Command("evaluate", "Score predicted masks with J (IoU) and F (boundary) at the ground truth's resolution.") { dataset, predictions, output, protocol, bound, force };
        controls.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var scoring = new EvaluationOptions
            {
                Protocol = ProtocolNames.Parse(parse.GetValue(protocol)!),
                BoundThreshold = parse.GetValue(bound),
                AllowResampling = true,
            };
            var options = new EvaluateStageOptions(parse.GetValue(dataset)!.FullName, parse.GetValue(predictions)!.FullName, parse.GetValue(output)!.FullName, scoring);
            var stage = new EvaluateStage(options);
            return await controls.RunAsync(parse, stage, parse.GetValue(force), new ConsoleProgress(EvaluateStage.Name, 1), ct).ConfigureAwait(false);
        });
        return command;
    }
}
