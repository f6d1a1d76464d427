using System;
using System.CommandLine;
using System.IO;
using System.Threading.Tasks;
using VideoSeg.Cli.Benchmarks;
using VideoSeg.Cli.Infrastructure;
using VideoSeg.Core.Pipeline;
using VideoSeg.Flow.Devices;

namespace VideoSeg.Cli.Commands;

/// <summary>
/// <c>videoseg bench</c>: parses the options, runs <see cref="BenchSuite"/> and writes its rows with
/// <see cref="BenchReportWriter"/> (<c>bench-report.csv</c>, <c>bench-report-github.md</c>), printing the Markdown.
/// </summary>
public static class BenchCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var output = CommonOptions.RequiredDirectory("--out", "Where to write bench-report.csv and bench-report-github.md.");
        var data = new Option<DirectoryInfo?>("--data") { Description = "The shared real data (davis2016-car-shadow, flyingchairs-samples); default: $VIDEOSEG_SHARED_DATA or ../shared/data." };
        var frames = new Option<int>("--frames") { Description = "Frames per batch for the 854×480 throughput runs.", DefaultValueFactory = _ => 40 };
        var repeats = new Option<int>("--repeats") { Description = "Timed repetitions per operation (the median is reported).", DefaultValueFactory = _ => 3 };
        var toolkit = new Option<DirectoryInfo?>("--davis-toolkit") { Description = "A checkout of davisvideochallenge/davis2017-evaluation, to time the official J&F beside ours ($VIDEOSEG_DAVIS_EVAL)." };
        var python = new Option<string>("--python") { Description = "The Python with numpy, cv2 and skimage for the peers.", DefaultValueFactory = _ => File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3" };
        var skipFlow = new Option<bool>("--skip-flow") { Description = "Leave out the flow benchmarks, TV-L1 on FlyingChairs and RAFT at 854×480 (the slowest part)." };
        var device = CommonOptions.Device();
        var command = new Command("bench", "Benchmark warping, occlusion, refinements, J&F, the GWM training and fine-tuning steps and the flow estimators (TV-L1, RAFT) against peers measured in the same run.") { output, data, frames, repeats, toolkit, python, skipFlow, device };
        command.SetAction((parse, ct) => Task.Run(
            () =>
            {
                string outputFolder = parse.GetValue(output)!.FullName;
                OutputOwnership.EnsureWritableFolder(outputFolder);
                var options = new BenchOptions(
                    parse.GetValue(data)?.FullName ?? BenchOptions.DefaultDataRoot(),
                    parse.GetValue(frames),
                    parse.GetValue(repeats),
                    parse.GetValue(toolkit)?.FullName ?? Environment.GetEnvironmentVariable("VIDEOSEG_DAVIS_EVAL"),
                    parse.GetValue(python)!,
                    parse.GetValue(skipFlow),
                    DeviceChoice.Resolve(parse.GetValue(device)!));
                var rows = new BenchSuite(options).Run(new ConsoleProgress("bench", 1), ct);
                Console.Out.Write(BenchReportWriter.Write(outputFolder, rows, options.Device.Resolved));
                return ExitCodes.Success;
            },
            ct));
        return command;
    }
}
