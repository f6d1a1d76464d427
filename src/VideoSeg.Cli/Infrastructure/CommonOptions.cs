using System.CommandLine;
using System.IO;

namespace VideoSeg.Cli.Infrastructure;

/// <summary>Factories for the options that several commands share, so they read the same everywhere.</summary>
public static class CommonOptions
{
    /// <summary>A required directory option.</summary>
    public static Option<DirectoryInfo> RequiredDirectory(string name, string description) =>
        new(name) { Description = description, Required = true };

    /// <summary>A required file option.</summary>
    public static Option<FileInfo> RequiredFile(string name, string description) =>
        new(name) { Description = description, Required = true };

    /// <summary><c>--dataset</c>: a suite root in the DAVIS layout.</summary>
    public static Option<DirectoryInfo> Dataset() =>
        RequiredDirectory("--dataset", "The suite root in the DAVIS layout (sequence list, frames, ground truth).");

    /// <summary><c>--flows</c>: the flows stage's output.</summary>
    public static Option<DirectoryInfo> Flows() =>
        RequiredDirectory("--flows", "The flows root written by 'videoseg flows' (Flows_gap{g}/<seq>/<stem>.flo).");

    /// <summary><c>--matrix</c>: the experiment matrix.</summary>
    public static Option<FileInfo> Matrix() =>
        RequiredFile("--matrix", "The experiment matrix (eng/experiments.json).");

    /// <summary><c>--force</c>: run the stage even when its stamp says it is up to date.</summary>
    public static Option<bool> Force() =>
        new("--force") { Description = "Run the stage even if its content-hash stamp says it is up to date." };

    /// <summary><c>--seed</c>: the run's seed, recorded in stamps and the manifest.</summary>
    public static Option<int> Seed(string description = "The run's seed (initialisation, sampling; recorded in the stamp and the manifest).") =>
        new("--seed") { Description = description, DefaultValueFactory = _ => 42 };

    /// <summary><c>--device</c>: auto, cpu or cuda.</summary>
    public static Option<string> Device() =>
        new("--device") { Description = "Compute device: auto (CUDA when available), cpu, cuda or cuda:N; resolved once, and recorded as requested and resolved.", DefaultValueFactory = _ => "auto" };
}
