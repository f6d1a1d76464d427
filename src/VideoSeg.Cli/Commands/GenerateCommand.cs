using System.CommandLine;
using VideoSeg.Cli.Infrastructure;
using VideoSeg.Data.Synthetic;

namespace VideoSeg.Cli.Commands;

/// <summary><c>videoseg generate</c>: parses the options and runs <see cref="SyntheticSuiteStage"/>.</summary>
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
        var seed = CommonOptions.Seed("The generator's seed.");
        var force = CommonOptions.Force();
        var command = new Command("generate", "Generate the embedded synthetic suite (deterministic, seeded).") { output, sequences, minFrames, maxFrames, height, width, seed, force };
        command.SetAction(async (parse, ct) =>
        {
            var suite = new SyntheticSuiteOptions
            {
                Sequences = parse.GetValue(sequences),
                MinFrames = parse.GetValue(minFrames),
                MaxFrames = parse.GetValue(maxFrames),
                Height = parse.GetValue(height),
                Width = parse.GetValue(width),
                Seed = parse.GetValue(seed),
            };
            var stage = new SyntheticSuiteStage(new SyntheticSuiteStageOptions(parse.GetValue(output)!.FullName, suite));
            return StageRunner.Report(await stage.RunAsync(parse.GetValue(force), new ConsoleProgress(SyntheticSuiteStage.Name, suite.Sequences), ct).ConfigureAwait(false));
        });
        return command;
    }
}
