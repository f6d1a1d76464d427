using System.CommandLine;
using System.IO;
using VideoSeg.Cli.Infrastructure;
using VideoSeg.Flow.Devices;
using VideoSeg.Models.BaseMasks;
using VideoSeg.Models.Foreground;

namespace VideoSeg.Cli.Commands;

/// <summary><c>videoseg basemasks</c>: parses the options and runs <see cref="BaseMasksStage"/>.</summary>
public static class BaseMasksCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var dataset = CommonOptions.Dataset();
        var flows = CommonOptions.Flows();
        var output = CommonOptions.RequiredDirectory("--out", "Where to write <seq>/<stem>.png.");
        var source = new Option<string>("--source") { Description = "motion (classical baseline), import, or gwm (a network trained with 'videoseg train').", DefaultValueFactory = _ => "motion" };
        source.AcceptOnlyFromAmong(BaseMaskSourceNames.All);
        var model = new Option<FileSystemInfo?>("--model") { Description = "gwm: the training folder (its latest checkpoint_*.pth is used) or a .pth file.", CustomParser = r => r.Tokens.Count == 0 ? null : Directory.Exists(r.Tokens[0].Value) ? new DirectoryInfo(r.Tokens[0].Value) : new FileInfo(r.Tokens[0].Value) };
        var selector = new Option<string>("--selector") { Description = "gwm: which of the two merged masks is the foreground: corner-rule (the paper's code), motion-residual, or oracle-iou (GWM's evaluation: picks with the ground truth).", DefaultValueFactory = _ => "corner-rule" };
        selector.AcceptOnlyFromAmong(ForegroundSelectorNames.All);
        var queries = new Option<int>("--queries") { Description = "gwm: the K of a network trained with 'videoseg train' (4, or 2 for the paper's variant); GWM's checkpoints carry their own.", DefaultValueFactory = _ => 4 };
        var backboneWeights = new Option<FileInfo?>("--backbone-weights") { Description = "gwm with GWM's published checkpoint_best.pth: DINO's ViT-B/8 weights (dino_vitbase8_pretrain.pth), which GWM's checkpoints do not hold." };
        var mergeWeights = new Option<FileInfo?>("--merge-weights") { Description = "gwm: DINO's ViT-S/8 weights (dino_deitsmall8_pretrain.pth) for GWM's K→2 merging on block-11 key features; without it the network's backbone features are used." };
        var import = new Option<DirectoryInfo?>("--import") { Description = "import: a folder of <seq>/<stem>.png masks (any resolution; resampled to the flows')." };
        var device = CommonOptions.Device();
        var force = CommonOptions.Force();
        var controls = StageControls.ForShardedStage();
        var command = new Command("basemasks", "Produce the base masks that the refinements start from.") { dataset, flows, output, source, import, model, selector, queries, backboneWeights, mergeWeights, device, force };
        controls.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var options = new BaseMasksStageOptions(
                parse.GetValue(dataset)!.FullName,
                parse.GetValue(flows)!.FullName,
                parse.GetValue(output)!.FullName,
                BaseMaskSourceNames.Parse(parse.GetValue(source)!),
                parse.GetValue(import)?.FullName,
                parse.GetValue(model)?.FullName,
                ForegroundSelectorNames.Parse(parse.GetValue(selector)!),
                parse.GetValue(queries),
                parse.GetValue(backboneWeights)?.FullName,
                parse.GetValue(mergeWeights)?.FullName,
                DeviceChoice.Resolve(parse.GetValue(device)!));
            var stage = new BaseMasksStage(options);
            return await controls.RunAsync(parse, stage, parse.GetValue(force), new ConsoleProgress(BaseMasksStage.Name, 1), ct).ConfigureAwait(false);
        });
        return command;
    }
}
