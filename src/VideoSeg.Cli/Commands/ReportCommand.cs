using System;
using System.CommandLine;
using System.IO;
using TorchSharp;
using VideoSeg.Cli.Infrastructure;
using VideoSeg.Core.Runtime;
using VideoSeg.Evaluation;
using VideoSeg.Reports.Html;
using VideoSeg.Models.Network;
using VideoSeg.Reports.Stage;

namespace VideoSeg.Cli.Commands;

/// <summary><c>videoseg report</c>: parses the options and runs <see cref="ReportStage"/>.</summary>
public static class ReportCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var suite = new Option<string>("--suite") { Description = "The suite name (synthetic, davis2016, segtrackv2).", Required = true };
        var dataset = CommonOptions.Dataset();
        var evaluation = CommonOptions.RequiredDirectory("--evaluation", "The evaluate stage's output.");
        var refined = CommonOptions.RequiredDirectory("--refined", "The refine stage's output.");
        var flows = CommonOptions.Flows();
        var matrix = CommonOptions.Matrix();
        var output = CommonOptions.RequiredDirectory("--out", "The report folder (replaced as a whole).");
        var aggregation = new Option<string>("--aggregation") { Description = "Dataset mean over sequences (DAVIS) or over frames (SegTrackV2, GWM).", DefaultValueFactory = _ => "sequences" };
        aggregation.AcceptOnlyFromAmong(ProtocolNames.Aggregations);
        var baseMasks = new Option<string>("--basemasks-source") { Description = "The base-mask source, for the tables.", DefaultValueFactory = _ => "motion" };
        var backbone = new Option<string?>("--backbone") { Description = $"gwm: the trained network's backbone ({string.Join(", ", GwmBackboneNames.Trainable)}), named in the tables and the manifest; the default small CNN leaves the labels as they were." };
        backbone.AcceptOnlyFromAmong([.. GwmBackboneNames.Trainable]);
        var selector = new Option<string?>("--selector") { Description = "How the base-mask source picked the foreground (gwm: corner-rule, motion-residual or oracle-iou), for the tables and the protocol." };
        var repo = new Option<DirectoryInfo>("--repo") { Description = "The repository root, for the git SHA.", DefaultValueFactory = _ => new DirectoryInfo(Directory.GetCurrentDirectory()) };
        var fineTune = new Option<DirectoryInfo?>("--finetune") { Description = "The finetune stage's per-sequence records, for Table 2 (default: none)." };
        var fineTuneLong = new Option<DirectoryInfo?>("--finetune-long") { Description = "The finetune stage's long-protocol records, for Figures 8 and 9 (default: none)." };
        var seed = CommonOptions.Seed("The run's seed, recorded in the manifest.");
        var force = CommonOptions.Force();
        var open = new Option<bool>("--open") { Description = "Print the study page's path when done, and open it in the desktop's browser where there is a desktop (xdg-open)." };
        var command = new Command("report", "Write Table 1, the Figure 7 analogue, a mask strip per sequence, Table 2 and Figures 8 and 9 when fine-tuning records are given, the paper comparison, the study page (index.html) and the run manifest.")
        {
            suite, dataset, evaluation, refined, flows, matrix, output, aggregation, baseMasks, backbone, selector, repo, fineTune, fineTuneLong, seed, force, open,
        };
        command.SetAction(async (parse, ct) =>
        {
            var options = new ReportStageOptions(
                parse.GetValue(suite)!,
                parse.GetValue(dataset)!.FullName,
                parse.GetValue(evaluation)!.FullName,
                parse.GetValue(refined)!.FullName,
                parse.GetValue(flows)!.FullName,
                parse.GetValue(matrix)!.FullName,
                parse.GetValue(output)!.FullName,
                ProtocolNames.ParseAggregation(parse.GetValue(aggregation)!),
                parse.GetValue(baseMasks)!,
                parse.GetValue(selector),
                parse.GetValue(repo)!.FullName,
                parse.GetValue(seed),
                ToolVersions.Of(typeof(Program)),
                ToolVersions.Of<torch.Tensor>(),
                parse.GetValue(fineTune)?.FullName,
                parse.GetValue(fineTuneLong)?.FullName,
                BackboneLabel(parse.GetValue(backbone)));
            var stage = new ReportStage(options);
            int exitCode = StageRunner.Report(await stage.RunAsync(parse.GetValue(force), new ConsoleProgress(ReportStage.Name, 1), ct).ConfigureAwait(false));
            if (parse.GetValue(open))
            {
                StudyPageOpener.Open(Path.Combine(options.Output, StudyPageWriter.FileName), Console.Out);
            }

            return exitCode;
        });
        return command;
    }

    private static string? BackboneLabel(string? name) =>
        name is null || name == GwmBackboneNames.SmallCnn ? null : GwmBackboneNames.Label(GwmBackboneNames.Parse(name));
}
