using System;
using System.CommandLine;
using System.IO;
using System.Threading.Tasks;
using TorchSharp;
using VideoSeg.Cli.Infrastructure;
using VideoSeg.Core.Pipeline;
using VideoSeg.Flow.Devices;
using VideoSeg.Models.Training;

namespace VideoSeg.Cli.Commands;

/// <summary>
/// <c>videoseg train</c>: trains a GWM-style segmentation network with GWM's flow-reconstruction loss
/// on a suite and its cached flows. Training checkpoints (<c>checkpoint_NNNNNNN.vsckpt</c> to resume,
/// <c>.pth</c> that PyTorch reads) and <c>loss.csv</c> go to <c>--out</c>; an interrupted run resumes from
/// the latest complete checkpoint, and a finished one is not trained again.
/// </summary>
public static class TrainCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var dataset = CommonOptions.Dataset();
        var flows = CommonOptions.Flows();
        var output = CommonOptions.RequiredDirectory("--out", "Where checkpoints and loss.csv go (resumed from if present).");
        var iterations = new Option<int>("--iterations") { Description = "Training iterations (GWM: 20,000).", DefaultValueFactory = _ => 20_000 };
        var warmup = new Option<int>("--warmup") { Description = "Linear warm-up iterations (GWM: 1,500).", DefaultValueFactory = _ => 1_500 };
        var schedule = new Option<int>("--schedule-iterations") { Description = "The polynomial decay's horizon (GWM: 160,000).", DefaultValueFactory = _ => 160_000 };
        var learningRate = new Option<double>("--lr") { Description = "Base learning rate (GWM: 1.5e-4).", DefaultValueFactory = _ => 1.5e-4 };
        var batch = new Option<int>("--batch") { Description = "Batch size (GWM: 8).", DefaultValueFactory = _ => 8 };
        var queries = new Option<int>("--queries") { Description = "Masks per frame, K (GWM: 4; the paper's variant: 2).", DefaultValueFactory = _ => 4 };
        var period = new Option<int>("--checkpoint-period") { Description = "Iterations between checkpoints.", DefaultValueFactory = _ => 1_000 };
        var seed = new Option<int>("--seed") { Description = "Seed of initialisation, dropout and sampling (GWM: 42).", DefaultValueFactory = _ => 42 };
        var device = CommonOptions.Device();
        var force = new Option<bool>("--force") { Description = "Delete --out and train from scratch." };
        var command = new Command("train", "Train the GWM-style network with the flow-reconstruction loss (resumable).")
        {
            dataset, flows, output, iterations, warmup, schedule, learningRate, batch, queries, period, seed, device, force,
        };
        command.SetAction((parse, ct) => Task.Run(
            () =>
            {
                string outputRoot = parse.GetValue(output)!.FullName;
                if (parse.GetValue(force) && Directory.Exists(outputRoot))
                {
                    Directory.Delete(outputRoot, recursive: true);
                }

                var options = new GwmTrainingOptions
                {
                    Iterations = parse.GetValue(iterations),
                    WarmupIterations = parse.GetValue(warmup),
                    ScheduleIterations = parse.GetValue(schedule),
                    BaseLearningRate = parse.GetValue(learningRate),
                    BatchSize = parse.GetValue(batch),
                    Queries = parse.GetValue(queries),
                    CheckpointPeriod = parse.GetValue(period),
                    Seed = parse.GetValue(seed),
                };
                torch.Device resolved = FlowDevice.Resolve(parse.GetValue(device)!);
                using var trainer = new GwmTrainer(options, new DatasetLayout(parse.GetValue(dataset)!.FullName), parse.GetValue(flows)!.FullName, outputRoot, resolved);
                if (trainer.Resume())
                {
                    Console.Out.WriteLine($"[train] resumed from iteration {trainer.Iteration} in {outputRoot}");
                }

                if (trainer.Iteration >= options.Iterations)
                {
                    Console.Out.WriteLine($"[train] up to date: {outputRoot} holds {options.Iterations} iterations");
                    return ExitCodes.Success;
                }

                var progress = new ConsoleProgress("train", options.Iterations - trainer.Iteration);
                int report = Math.Max(1, options.Iterations / 50);
                TrainingResult result = trainer.Train(
                    new SynchronousProgress<TrainingProgress>(p =>
                    {
                        if (p.Iteration % report == 0 || p.Iteration == options.Iterations)
                        {
                            progress.Note(FormattableString.Invariant($"iteration {p.Iteration}/{p.TotalIterations}: loss {p.Loss:G4}, lr {p.LearningRate:G3}, {p.Elapsed.TotalSeconds:F0} s"));
                        }
                    }),
                    ct);
                Console.Out.WriteLine($"[train] done: {result.Iterations} iterations; {result.CheckpointPath}; PyTorch export {result.ExportPath}");
                return ExitCodes.Success;
            },
            ct));
        return command;
    }
}
