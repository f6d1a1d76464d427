using System.CommandLine;
using VideoSeg.Cli.Infrastructure;
using VideoSeg.Flow.Devices;
using VideoSeg.Models.Network;
using VideoSeg.Models.Onnx;
using VideoSeg.Models.Training;

namespace VideoSeg.Cli.Commands;

/// <summary><c>videoseg train</c>: parses the options and runs <see cref="TrainingStage"/> (resumable; see there).</summary>
public static class TrainCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var dataset = CommonOptions.Dataset();
        var flows = CommonOptions.Flows();
        var output = CommonOptions.RequiredDirectory("--out", "Where the trained model goes; checkpoints accumulate in <out>.training/ until it is complete.");
        var iterations = new Option<int>("--iterations") { Description = "Training iterations (GWM: 20,000).", DefaultValueFactory = _ => 20_000 };
        var warmup = new Option<int>("--warmup") { Description = "Linear warm-up iterations (GWM: 1,500).", DefaultValueFactory = _ => 1_500 };
        var schedule = new Option<int>("--schedule-iterations") { Description = "The polynomial decay's horizon (GWM: 160,000).", DefaultValueFactory = _ => 160_000 };
        var learningRate = new Option<double>("--lr") { Description = "Base learning rate (GWM: 1.5e-4).", DefaultValueFactory = _ => 1.5e-4 };
        var batch = new Option<int>("--batch") { Description = "Batch size (GWM: 8).", DefaultValueFactory = _ => 8 };
        var backbone = new Option<string>("--backbone")
        {
            Description = $"The feature extractor: {GwmBackboneNames.SmallCnn} (trained from scratch) or {GwmBackboneNames.ResNet18} ({GwmBackboneNames.Label(GwmBackboneKind.ResNet18)}, frozen, from the {ResNet18Package.PackageId} NuGet package; ${ResNet18Package.EnvironmentVariable} names another folder of it).",
            DefaultValueFactory = _ => GwmBackboneNames.SmallCnn,
        };
        backbone.AcceptOnlyFromAmong([.. GwmBackboneNames.Trainable]);
        var queries = new Option<int>("--queries") { Description = "Masks per frame, K (GWM: 4; the paper's variant: 2).", DefaultValueFactory = _ => 4 };
        var period = new Option<int>("--checkpoint-period") { Description = "Iterations between checkpoints.", DefaultValueFactory = _ => 1_000 };
        var seed = CommonOptions.Seed("Seed of initialisation, dropout and sampling (GWM: 42).");
        var device = CommonOptions.Device();
        var force = new Option<bool>("--force") { Description = "Discard any checkpoints and train from scratch." };
        var controls = StageControls.ForStage();
        var command = new Command("train", "Train the GWM-style network with the flow-reconstruction loss (resumable).")
        {
            dataset, flows, output, iterations, warmup, schedule, learningRate, batch, backbone, queries, period, seed, device, force,
        };
        controls.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var training = new GwmTrainingOptions
            {
                Iterations = parse.GetValue(iterations),
                WarmupIterations = parse.GetValue(warmup),
                ScheduleIterations = parse.GetValue(schedule),
                BaseLearningRate = parse.GetValue(learningRate),
                BatchSize = parse.GetValue(batch),
                Queries = parse.GetValue(queries),
                CheckpointPeriod = parse.GetValue(period),
                Seed = parse.GetValue(seed),
                Network = GwmBackboneNames.CpuNetwork(GwmBackboneNames.Parse(parse.GetValue(backbone)!)),
            };
            var stage = new TrainingStage(new TrainingStageOptions(
                parse.GetValue(dataset)!.FullName,
                parse.GetValue(flows)!.FullName,
                parse.GetValue(output)!.FullName,
                training,
                DeviceChoice.Resolve(parse.GetValue(device)!)));
            return await controls.RunAsync(parse, stage.Describe(), () => stage.RunAsync(parse.GetValue(force), new ConsoleProgress(TrainingStage.Name, 1), ct)).ConfigureAwait(false);
        });
        return command;
    }
}
