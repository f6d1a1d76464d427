using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using TorchSharp;
using VideoSeg.Cli.Infrastructure;
using VideoSeg.Core;
using VideoSeg.Core.Formats;
using VideoSeg.Core.IO;
using VideoSeg.Core.Imaging;
using VideoSeg.Core.Pipeline;
using VideoSeg.Data.Imaging;
using VideoSeg.Data.Sequences;
using VideoSeg.Flow.Devices;
using VideoSeg.Flow.Estimation;
using VideoSeg.Flow.Import;

namespace VideoSeg.Cli.Commands;

/// <summary>
/// <c>videoseg flows</c>: computes or imports forward and backward flows for every gap and caches
/// them as Middlebury .flo files in MotionGrouping's layout, at the working resolution.
/// </summary>
public static class FlowsCommand
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };
    private static readonly string[] s_estimators = ["tvl1", "tvl1-fast", "groundtruth", "import-flo", "import-npy"];

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var dataset = CommonOptions.Dataset();
        var output = CommonOptions.RequiredDirectory("--out", "Where to write Flows_gap{g}/<seq>/<stem>.flo.");
        var estimator = new Option<string>("--estimator") { Description = "tvl1 (accurate TV-L1), tvl1-fast, groundtruth (synthetic suite), import-flo or import-npy.", DefaultValueFactory = _ => "tvl1-fast" };
        estimator.AcceptOnlyFromAmong(s_estimators);
        var source = new Option<DirectoryInfo?>("--source") { Description = "import-flo: a Flows_gap{g} tree; import-npy: the dataset folder holding SSL-VOS's flow_1_*/flow_reverse_1_* folders." };
        var device = CommonOptions.Device();
        var width = new Option<int>("--width") { Description = "Working width in pixels.", DefaultValueFactory = _ => 224 };
        var height = new Option<int>("--height") { Description = "Working height in pixels.", DefaultValueFactory = _ => 128 };
        var gaps = new Option<string>("--gaps") { Description = "Comma-separated gaps.", DefaultValueFactory = _ => "1,-1,2,-2" };
        var keep = new Option<bool>("--keep-imported-displacements") { Description = "Imports: resize without rescaling displacements, as the paper's code does." };
        var force = CommonOptions.Force();
        var command = new Command("flows", "Compute or import optical flows (gaps ±1, ±2) and cache them as .flo files.") { dataset, output, estimator, source, device, width, height, gaps, keep, force };
        command.SetAction((parse, ct) => RunAsync(
            new FlowsOptions(
                parse.GetValue(dataset)!.FullName,
                parse.GetValue(output)!.FullName,
                parse.GetValue(estimator)!,
                parse.GetValue(source)?.FullName,
                parse.GetValue(device)!,
                parse.GetValue(width),
                parse.GetValue(height),
                GapList.Parse(parse.GetValue(gaps)!),
                parse.GetValue(keep),
                parse.GetValue(force)),
            ct));
        return command;
    }

    /// <summary>Runs the stage.</summary>
    public static Task<int> RunAsync(FlowsOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        SizeLimits.CheckWorkingSize(options.Width, options.Height, "--width", "--height");

        var layout = new DatasetLayout(options.Dataset);
        var stage = new IncrementalStage("flows", options.Output)
            .WithParameter("code", CodeVersion.Of<TvL1FlowEstimator>())
            .WithParameter("estimator", options.Estimator)
            .WithParameter("device", options.Device)
            .WithParameter("size", $"{options.Width}x{options.Height}")
            .WithParameter("gaps", string.Join(',', options.Gaps))
            .WithParameter("keepImportedDisplacements", options.KeepImportedDisplacements)
            .WithInput(layout.FramesRoot)
            .WithInput(layout.SequenceListPath)
            .WithInputRoot(layout.Root);
        switch (options.Estimator)
        {
            case "groundtruth":
                stage.WithInput(layout.GroundTruthFlowsRoot);
                break;
            case "import-flo":
            case "import-npy":
                stage.WithInput(options.Source ?? throw new VideoSegException(ErrorCodes.InvalidArgument, $"--estimator {options.Estimator} needs --source"));
                break;
        }

        return StageRunner.RunAsync(stage, options.Force, (partial, ct) => Task.Run(() => Compute(options, layout, partial, ct), ct), cancellationToken);
    }

    private static void Compute(FlowsOptions options, DatasetLayout layout, string outputRoot, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> sequences = layout.ReadSequences();
        var progress = new ConsoleProgress("flows", sequences.Count);
        torch.Device? device = options.Estimator.StartsWith("tvl1", StringComparison.Ordinal) ? FlowDevice.Resolve(options.Device) : null;
        TvL1Options? tvl1 = device is null ? null : options.Estimator == "tvl1-fast" ? TvL1Options.Fast : TvL1Options.Accurate;
        IFlowEstimator? estimator = tvl1 is null ? null : new TvL1FlowEstimator(tvl1, device);
        var importOptions = new FlowImportOptions(options.Width, options.Height, options.KeepImportedDisplacements ? FlowRescaling.KeepDisplacements : FlowRescaling.ScaleDisplacements);
        var timings = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (string name in sequences)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            VideoSequence sequence = SequenceReader.Open(layout, name, cancellationToken: cancellationToken);
            IReadOnlyList<GapFlows> flows = options.Estimator switch
            {
                "groundtruth" => new FloFolderImporter(layout.GroundTruthFlowsRoot, importOptions) { Warning = PrintWarning }.ImportSequence(name, sequence.FrameStems, cancellationToken, options.Gaps),
                "import-flo" => new FloFolderImporter(options.Source!, importOptions) { Warning = PrintWarning }.ImportSequence(name, sequence.FrameStems, cancellationToken, options.Gaps),
                "import-npy" => SslVosFlowImporter.ForDataset(options.Source!, importOptions, warning: PrintWarning).ImportSequence(name, sequence.FrameStems, cancellationToken)
                    .Where(g => options.Gaps.Contains(g.Gap)).ToList(),
                _ => Estimate(estimator!, sequence, options, cancellationToken),
            };
            foreach (GapFlows gap in flows)
            {
                for (int i = 0; i < gap.Flows.Count; i++)
                {
                    FloFormat.Write(DatasetLayout.FlowPath(outputRoot, gap.Gap, name, gap.SourceStems[i]), gap.Flows[i]);
                }
            }

            timings[name] = clock.Elapsed.TotalSeconds;
            progress.Step($"{name} ({sequence.FrameStems.Count} frames)");
        }

        var metadata = new SortedDictionary<string, object>(StringComparer.Ordinal)
        {
            ["estimator"] = options.Estimator,
            ["device"] = device is null ? "none (imported)" : FlowDevice.Describe(device),
            ["libtorch"] = device is null ? "not used" : torch.__version__,
            ["width"] = options.Width,
            ["height"] = options.Height,
            ["gaps"] = options.Gaps,
            ["tvl1"] = tvl1?.ToString() ?? "n/a",
        };
        AtomicFile.WriteAllText(Path.Combine(outputRoot, "flows.json"), JsonSerializer.Serialize(metadata, s_json));
        progress.Note($"seconds per sequence: {string.Join(", ", timings.Select(t => $"{t.Key} {t.Value:F1}"))}");
    }

    private static void PrintWarning(VideoSegWarning warning) => Console.Error.WriteLine(warning.ToDiagnosticString());

    private static List<GapFlows> Estimate(IFlowEstimator estimator, VideoSequence sequence, FlowsOptions options, CancellationToken cancellationToken)
    {
        List<RgbImage> frames = SequenceReader.ReadFrames(sequence, cancellationToken)
            .Select(f => ImageResizer.Resize(f, options.Width, options.Height))
            .ToList();
        var result = new List<GapFlows>();
        foreach (int gap in options.Gaps)
        {
            var sourceIndices = Enumerable.Range(0, frames.Count).Where(t => t + gap >= 0 && t + gap < frames.Count).ToList();
            if (sourceIndices.Count == 0)
            {
                continue;
            }

            IReadOnlyList<FlowField> flows = estimator.Estimate(
                sourceIndices.Select(t => frames[t]).ToList(),
                sourceIndices.Select(t => frames[t + gap]).ToList(),
                cancellationToken);
            result.Add(new GapFlows(gap, sourceIndices.Select(t => sequence.FrameStems[t]).ToList(), flows));
        }

        return result;
    }
}
