using System;
using System.CommandLine;
using System.Threading;
using System.Threading.Tasks;
using VideoSeg.Cli.Infrastructure;
using VideoSeg.Core.Pipeline;
using VideoSeg.Data.Synthetic;

namespace VideoSeg.Cli.Commands;

/// <summary>
/// <c>videoseg generate</c>: writes the embedded synthetic suite (frames, masks, ground-truth flows
/// and visibility) in the DAVIS layout. Deterministic for given options and seed.
/// </summary>
public static class GenerateCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var output = CommonOptions.RequiredDirectory("--out", "The suite root to write (DAVIS layout).");
        var sequences = new Option<int>("--sequences") { Description = "Number of sequences.", DefaultValueFactory = _ => 10 };
        var minFrames = new Option<int>("--min-frames") { Description = "Fewest frames per sequence.", DefaultValueFactory = _ => 30 };
        var maxFrames = new Option<int>("--max-frames") { Description = "Most frames per sequence.", DefaultValueFactory = _ => 60 };
        var height = new Option<int>("--height") { Description = "Frame height (GWM works at 128).", DefaultValueFactory = _ => 128 };
        var width = new Option<int>("--width") { Description = "Frame width (GWM works at 224).", DefaultValueFactory = _ => 224 };
        var seed = new Option<int>("--seed") { Description = "The generator's seed.", DefaultValueFactory = _ => 42 };
        var force = CommonOptions.Force();
        var command = new Command("generate", "Generate the embedded synthetic suite (deterministic, seeded).") { output, sequences, minFrames, maxFrames, height, width, seed, force };
        command.SetAction((parse, ct) => RunAsync(
            parse.GetValue(output)!.FullName,
            new SyntheticSuiteOptions
            {
                Sequences = parse.GetValue(sequences),
                MinFrames = parse.GetValue(minFrames),
                MaxFrames = parse.GetValue(maxFrames),
                Height = parse.GetValue(height),
                Width = parse.GetValue(width),
                Seed = parse.GetValue(seed),
            },
            parse.GetValue(force),
            ct));
        return command;
    }

    /// <summary>Runs the stage.</summary>
    public static Task<int> RunAsync(string output, SyntheticSuiteOptions options, bool force, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var stage = new IncrementalStage("generate", output)
            .WithParameter("code", CodeVersion.Of<SyntheticSuiteOptions>())
            .WithParameter("options", options);
        return StageRunner.RunAsync(
            stage,
            force,
            (partial, ct) => Task.Run(
                () =>
                {
                    var progress = new ConsoleProgress("generate", options.Sequences);
                    SyntheticSuiteGenerator.Generate(partial, options, new SynchronousProgress<SyntheticProgress>(p => progress.Step($"{p.Sequence} ({p.Frames} frames)")), ct);
                },
                ct),
            cancellationToken);
    }
}
