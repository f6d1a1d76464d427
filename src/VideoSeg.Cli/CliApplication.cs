using System.CommandLine;
using VideoSeg.Cli.Commands;

namespace VideoSeg.Cli;

/// <summary>Builds the <c>videoseg</c> command tree.</summary>
public static class CliApplication
{
    /// <summary>The root command with every stage as a subcommand.</summary>
    public static RootCommand CreateRootCommand() =>
        new("videoseg: a reproducible harness for optical-flow refinement of unsupervised video object segmentation. Each subcommand is one pipeline stage; see README.md.")
        {
            DoctorCommand.Create(),
            GenerateCommand.Create(),
            AcquireCommand.Create(),
            FlowsCommand.Create(),
            OcclusionsCommand.Create(),
            BaseMasksCommand.Create(),
            RefineCommand.Create(),
            EvaluateCommand.Create(),
            ReportCommand.Create(),
            TrainCommand.Create(),
            FinetuneCommand.Create(),
            CombineCommand.Create(),
            VerifyBaselineCommand.Create(),
            BenchCommand.Create(),
            SlurmCommand.Create(),
        };
}
