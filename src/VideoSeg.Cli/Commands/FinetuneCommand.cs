using System;
using System.CommandLine;
using VideoSeg.Cli.Infrastructure;
using VideoSeg.Flow.Devices;
using VideoSeg.Models.FineTuning;

namespace VideoSeg.Cli.Commands;

/// <summary><c>videoseg finetune</c>: parses the options and runs <see cref="FineTuneStage"/> (resumable; see there).</summary>
public static class FinetuneCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var dataset = CommonOptions.Dataset();
        var flows = CommonOptions.Flows();
        var occlusions = CommonOptions.RequiredDirectory("--occlusions", "The occlusions stage's output (visibility for occlusion-weighted configurations).");
        var model = new Option<string>("--model") { Description = "The 2-mask starting network: a train stage's folder or a checkpoint_*.pth.", Required = true };
        var matrix = CommonOptions.Matrix();
        var output = CommonOptions.RequiredDirectory("--out", "Where the records go; runs accumulate in <out>.training/ until all are done.");
        var protocol = new Option<string>("--protocol") { Description = "per-sequence (main_ssl_stv2.py, Table 2) or long (main_ssl.py, Figures 8 and 9).", DefaultValueFactory = _ => "per-sequence" };
        protocol.AcceptOnlyFromAmong(FineTuningProtocolNames.All);
        var sequences = new Option<string?>("--sequences") { Description = "Comma-separated sequences (default: the suite's list; the long protocol takes one, by default the first)." };
        var maxSequences = new Option<int?>("--max-sequences") { Description = "Without --sequences: at most this many, the first of the suite's list." };
        var iterations = new Option<int>("--iterations") { Description = "Steps per run (main_ssl_stv2.py: 100).", DefaultValueFactory = _ => 100 };
        var batch = new Option<int>("--batch") { Description = "Pairs per step (the paper: 8).", DefaultValueFactory = _ => 8 };
        var learningRate = new Option<double>("--lr") { Description = "Constant learning rate (main_ssl.py: 1.5e-4).", DefaultValueFactory = _ => 1.5e-4 };
        var evaluationPeriod = new Option<int>("--eval-period") { Description = "Steps between measurements of J (main_ssl_stv2.py: 2; main_ssl.py: 50).", DefaultValueFactory = _ => 2 };
        var checkpointPeriod = new Option<int>("--checkpoint-period") { Description = "Steps between resumable checkpoints.", DefaultValueFactory = _ => 50 };
        var snapshotFrame = new Option<int?>("--snapshot-frame") { Description = "The frame kept at every measurement for Figure 9 (default: the middle one)." };
        var height = new Option<int>("--height") { Description = "The network's input height (GWM: 128).", DefaultValueFactory = _ => 128 };
        var width = new Option<int>("--width") { Description = "The network's input width (GWM: 224).", DefaultValueFactory = _ => 224 };
        var seed = CommonOptions.Seed("Seed of the decoder's dropout.");
        var device = CommonOptions.Device();
        var force = new Option<bool>("--force") { Description = "Discard finished and partial runs and start afresh." };
        var controls = StageControls.ForStage();
        var command = new Command("finetune", "Fine-tune the 2-mask GWM network's decoder with the consistency loss, for every fine-tuning configuration of the matrix (resumable).")
        {
            dataset, flows, occlusions, model, matrix, output, protocol, sequences, maxSequences, iterations, batch, learningRate, evaluationPeriod, checkpointPeriod, snapshotFrame, height, width, seed, device, force,
        };
        controls.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var training = new FineTuningOptions
            {
                Iterations = parse.GetValue(iterations),
                BatchSize = parse.GetValue(batch),
                LearningRate = parse.GetValue(learningRate),
                EvaluationPeriod = parse.GetValue(evaluationPeriod),
                CheckpointPeriod = parse.GetValue(checkpointPeriod),
                InputHeight = parse.GetValue(height),
                InputWidth = parse.GetValue(width),
                Seed = parse.GetValue(seed),
            };
            var stage = new FineTuneStage(new FineTuneStageOptions(
                parse.GetValue(dataset)!.FullName,
                parse.GetValue(flows)!.FullName,
                parse.GetValue(occlusions)!.FullName,
                parse.GetValue(model)!,
                parse.GetValue(matrix)!.FullName,
                parse.GetValue(output)!.FullName,
                FineTuningProtocolNames.Parse(parse.GetValue(protocol)!),
                parse.GetValue(sequences)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                training,
                parse.GetValue(snapshotFrame),
                DeviceChoice.Resolve(parse.GetValue(device)!),
                parse.GetValue(maxSequences)));
            return await controls.RunAsync(parse, stage.Describe(), () => stage.RunAsync(parse.GetValue(force), new ConsoleProgress(FineTuneStage.Name, 1), ct)).ConfigureAwait(false);
        });
        return command;
    }
}
