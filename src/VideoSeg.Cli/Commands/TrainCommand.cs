using System;
using System.CommandLine;
using System.Diagnostics;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using TorchSharp;
using VideoSeg.Cli.Infrastructure;
using VideoSeg.Core.IO;
using VideoSeg.Core.Pipeline;
using VideoSeg.Flow.Devices;
using VideoSeg.Models.Training;

namespace VideoSeg.Cli.Commands;

/// <summary>
/// <c>videoseg train</c>: trains a GWM-style segmentation network with GWM's flow-reconstruction loss
/// on a suite and its cached flows, as an incremental stage: the finished model (<c>checkpoint_NNNNNNN.pth</c>,
/// which PyTorch reads, the <c>.vsckpt</c> with the optimizer state, <c>loss.csv</c> and <c>training.json</c>) lands
/// in <c>--out</c> with a content-hash stamp, so an unchanged rerun trains nothing. Checkpoints accumulate in
/// <c>&lt;out&gt;.training/</c> under a key of the data and options; an interrupted run resumes from the latest
/// complete one, and checkpoints of other data or options are discarded.
/// </summary>
public static class TrainCommand
{
    /// <summary>The working folder beside <c>--out</c> where checkpoints accumulate until training is complete.</summary>
    public const string WorkingSuffix = ".training";

    /// <summary>The file in the working folder that names the data and options its checkpoints belong to.</summary>
    public const string ResumeKeyFileName = "resume-key.txt";

    /// <summary>The summary written beside the final checkpoint.</summary>
    public const string SummaryFileName = "training.json";

    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

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
        var queries = new Option<int>("--queries") { Description = "Masks per frame, K (GWM: 4; the paper's variant: 2).", DefaultValueFactory = _ => 4 };
        var period = new Option<int>("--checkpoint-period") { Description = "Iterations between checkpoints.", DefaultValueFactory = _ => 1_000 };
        var seed = new Option<int>("--seed") { Description = "Seed of initialisation, dropout and sampling (GWM: 42).", DefaultValueFactory = _ => 42 };
        var device = CommonOptions.Device();
        var force = new Option<bool>("--force") { Description = "Discard any checkpoints and train from scratch." };
        var command = new Command("train", "Train the GWM-style network with the flow-reconstruction loss (resumable).")
        {
            dataset, flows, output, iterations, warmup, schedule, learningRate, batch, queries, period, seed, device, force,
        };
        command.SetAction((parse, ct) =>
        {
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
            options.Validate();
            var layout = new DatasetLayout(parse.GetValue(dataset)!.FullName);
            string flowsRoot = parse.GetValue(flows)!.FullName;
            string outputRoot = parse.GetValue(output)!.FullName;
            string workingRoot = outputRoot + WorkingSuffix;
            torch.Device resolved = FlowDevice.Resolve(parse.GetValue(device)!);
            var stage = new IncrementalStage("train", outputRoot)
                .WithParameter("code", CodeVersion.Of<GwmTrainer>())
                .WithParameter("options", GwmTrainer.ResumeSignature(options))
                .WithParameter("device", resolved.type)
                .WithInput(flowsRoot)
                .WithInput(layout.FramesRoot)
                .WithInput(layout.SequenceListPath)
                .WithInputRoot(layout.Root);

            // Checkpoints of a run with the same data and options but fewer iterations can be resumed from, so the
            // working folder's key leaves the iteration count out.
            string resumeKey = stage.ComputeInputHash();
            stage.WithParameter("iterations", options.Iterations);
            bool forced = parse.GetValue(force);

            // Both checks come before the forced discard below, so that nothing is deleted from a folder VideoSeg did not make.
            stage.CheckOutputs();
            OutputOwnership.CheckReplaceable(workingRoot, () => File.Exists(Path.Combine(workingRoot, ResumeKeyFileName)), $"resume key '{ResumeKeyFileName}' of an earlier training run");
            if (forced && Directory.Exists(workingRoot))
            {
                Directory.Delete(workingRoot, recursive: true);
            }

            return StageRunner.RunAsync(
                stage,
                forced,
                (partial, token) => Task.Run(() => Train(options, layout, flowsRoot, workingRoot, resumeKey, partial, resolved, token), token),
                ct);
        });
        return command;
    }

    private static void Train(GwmTrainingOptions options, DatasetLayout layout, string flowsRoot, string workingRoot, string resumeKey, string outputRoot, torch.Device device, CancellationToken cancellationToken)
    {
        string keyPath = Path.Combine(workingRoot, ResumeKeyFileName);
        if (Directory.Exists(workingRoot) && (!File.Exists(keyPath) || File.ReadAllText(keyPath).Trim() != resumeKey))
        {
            Console.Out.WriteLine($"[train] the data or options changed since the checkpoints in {workingRoot} were written: training from scratch");
            Directory.Delete(workingRoot, recursive: true);
        }

        Directory.CreateDirectory(workingRoot);
        AtomicFile.WriteAllText(keyPath, resumeKey + "\n");
        var trainer = new GwmTrainer(options, layout, flowsRoot, workingRoot, device);
        if (trainer.Resume() && trainer.Iteration > options.Iterations)
        {
            // An interrupted longer run: its weights are past the iteration asked for, so they cannot be this model.
            Console.Out.WriteLine($"[train] the checkpoints in {workingRoot} are at iteration {trainer.Iteration}, past the {options.Iterations} asked for: training from scratch");
            trainer.Dispose();
            Directory.Delete(workingRoot, recursive: true);
            Directory.CreateDirectory(workingRoot);
            AtomicFile.WriteAllText(keyPath, resumeKey + "\n");
            trainer = new GwmTrainer(options, layout, flowsRoot, workingRoot, device);
        }
        else if (trainer.Iteration > 0)
        {
            Console.Out.WriteLine($"[train] resumed from iteration {trainer.Iteration} in {workingRoot}");
        }

        using GwmTrainer owned = trainer;

        int startIteration = trainer.Iteration;
        var clock = Stopwatch.StartNew();
        TrainingResult result;
        if (trainer.Iteration >= options.Iterations)
        {
            result = new TrainingResult(trainer.Iteration, trainer.LossCurve, trainer.SaveCheckpoint(), Path.Combine(workingRoot, GwmTrainer.ExportFileName(trainer.Iteration)));
        }
        else
        {
            var progress = new ConsoleProgress("train", options.Iterations - trainer.Iteration);
            int report = Math.Max(1, options.Iterations / 50);
            result = trainer.Train(
                new SynchronousProgress<TrainingProgress>(p =>
                {
                    if (p.Iteration % report == 0 || p.Iteration == options.Iterations)
                    {
                        progress.Note(FormattableString.Invariant($"iteration {p.Iteration}/{p.TotalIterations}: loss {p.Loss:G4}, lr {p.LearningRate:G3}, {p.Elapsed.TotalSeconds:F0} s"));
                    }
                }),
                cancellationToken);
        }

        double seconds = clock.Elapsed.TotalSeconds;
        foreach (string file in new[] { result.ExportPath, result.CheckpointPath, Path.Combine(workingRoot, GwmTrainer.LossCurveFileName) })
        {
            File.Copy(file, Path.Combine(outputRoot, Path.GetFileName(file)));
        }

        int trained = result.Iterations - startIteration;
        var summary = new TrainingSummary(
            result.Iterations,
            startIteration,
            Math.Round(seconds, 1),
            trained > 0 && seconds > 0 ? Math.Round(trained / seconds, 3) : null,
            result.LossCurve.Count > 0 ? result.LossCurve[^1].Loss : null,
            device.type.ToString(),
            options);
        AtomicFile.WriteAllText(Path.Combine(outputRoot, SummaryFileName), JsonSerializer.Serialize(summary, s_json) + "\n");

        // The model is complete and now lives in the output; the resume checkpoints are no longer needed.
        Directory.Delete(workingRoot, recursive: true);
        Console.Out.WriteLine($"[train] {result.Iterations} iterations; PyTorch export {Path.Combine(outputRoot, Path.GetFileName(result.ExportPath))}");
    }
}
