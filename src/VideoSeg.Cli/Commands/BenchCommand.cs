using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using TorchSharp;
using TorchSharp.Modules;
using VideoSeg.Cli.Infrastructure;
using VideoSeg.Core.IO;
using VideoSeg.Core.Imaging;
using VideoSeg.Core.Pipeline;
using VideoSeg.Core.Runtime;
using VideoSeg.Data.Imaging;
using VideoSeg.Evaluation;
using VideoSeg.Flow.Devices;
using VideoSeg.Flow.Estimation;
using VideoSeg.Flow.Occlusion;
using VideoSeg.Flow.Warping;
using VideoSeg.Models.Loss;
using VideoSeg.Models.Network;
using VideoSeg.Models.Training;
using VideoSeg.Refine;
using VideoSeg.Reports.Tables;
using static TorchSharp.torch;

namespace VideoSeg.Cli.Commands;

/// <summary>
/// <c>videoseg bench</c>: throughput of every per-frame operation at DAVIS's 854×480, and the flow
/// estimator's accuracy and speed on the FlyingChairs samples, each beside a peer measured in the
/// same run (the official Python DAVIS toolkit, OpenCV's DIS and Farnebäck, PyTorch for a GWM training step) when
/// the peer is installed.
/// Writes <c>bench-report.csv</c> and <c>bench-report-github.md</c>.
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
        var skipFlow = new Option<bool>("--skip-flow") { Description = "Leave out the FlyingChairs flow benchmark (the slowest part)." };
        var device = CommonOptions.Device();
        var command = new Command("bench", "Benchmark warping, occlusion, refinements, J&F and the flow estimator against peers.") { output, data, frames, repeats, toolkit, python, skipFlow, device };
        command.SetAction((parse, ct) => Task.Run(
            () =>
            {
                OutputOwnership.EnsureWritableFolder(parse.GetValue(output)!.FullName);
                string? dataRoot = parse.GetValue(data)?.FullName ?? DefaultDataRoot();
                string? toolkitRoot = parse.GetValue(toolkit)?.FullName ?? Environment.GetEnvironmentVariable("VIDEOSEG_DAVIS_EVAL");
                var rows = new List<BenchRow>();
                Device resolved = FlowDevice.Resolve(parse.GetValue(device)!);
                ThroughputBenchmarks(rows, dataRoot, parse.GetValue(frames), parse.GetValue(repeats), resolved, toolkitRoot, parse.GetValue(python)!, ct);
                TrainingBenchmark(rows, parse.GetValue(repeats), resolved, parse.GetValue(python)!);
                if (!parse.GetValue(skipFlow))
                {
                    FlowBenchmarks(rows, dataRoot, resolved, parse.GetValue(python)!, ct);
                }

                Write(parse.GetValue(output)!.FullName, rows, resolved);
                return ExitCodes.Success;
            },
            ct));
        return command;
    }

    private static string? DefaultDataRoot()
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable("VIDEOSEG_SHARED_DATA");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }

        string beside = Path.GetFullPath(Path.Combine(Directory.GetCurrentDirectory(), "..", "shared", "data"));
        return Directory.Exists(beside) ? beside : null;
    }

    private static void ThroughputBenchmarks(List<BenchRow> rows, string? dataRoot, int frameCount, int repeats, Device device, string? toolkit, string python, CancellationToken cancellationToken)
    {
        const int Width = 854;
        const int Height = 480;
        (IReadOnlyList<BinaryMask> masks, string source) = BenchMasks(dataRoot, frameCount, Width, Height);
        int n = masks.Count;
        var forward = new List<FlowField?>();
        var backward = new List<FlowField?>();
        for (int t = 0; t < n; t++)
        {
            forward.Add(t + 1 < n ? SmoothFlow(Width, Height, t, 1) : null);
            backward.Add(t > 0 ? SmoothFlow(Width, Height, t, -1) : null);
        }

        string note = $"{n} frames of {Width}×{Height} in one batch on {FlowDevice.Describe(device)}; masks: {source}; smooth synthetic flows; median of {repeats}";
        using (var scope = NewDisposeScope())
        using (no_grad())
        {
            Tensor maskTensor = FlowTensors.FromMasks(masks, device);
            Tensor flowTensor = FlowTensors.FromFlowFields(forward.Select(f => f ?? new FlowField(Width, Height)).ToList(), device);
            Tensor backTensor = FlowTensors.FromFlowFields(backward.Select(f => f ?? new FlowField(Width, Height)).ToList(), device);
            foreach (WarpConvention convention in new[] { WarpConvention.PixelExact, WarpConvention.SslVos })
            {
                double fps = n / Median(repeats, () => FlowWarp.Backward(maskTensor, flowTensor, convention).Dispose());
                rows.Add(new BenchRow("Warping at 854×480", $"FlowWarp.Backward ({convention})", "fps", fps, null, string.Empty, note));
            }

            foreach (OcclusionVariant variant in new[] { OcclusionVariant.Paper, OcclusionVariant.UnFlowCode })
            {
                var options = new OcclusionOptions(Variant: variant);
                double fps = n / Median(repeats, () => UnFlowOcclusion.Visibility(flowTensor, backTensor, options).Dispose());
                rows.Add(new BenchRow("Occlusion at 854×480", $"UnFlowOcclusion ({variant})", "fps", fps, null, string.Empty, note));
            }
        }

        var flowsByGap = new Dictionary<int, IReadOnlyList<FlowField?>> { [1] = forward, [-1] = backward };
        var wideFlows = new Dictionary<int, IReadOnlyList<FlowField?>>(flowsByGap)
        {
            [2] = Enumerable.Range(0, n).Select(t => t + 2 < n ? SmoothFlow(Width, Height, t, 2) : null).ToList(),
            [-2] = Enumerable.Range(0, n).Select(t => t >= 2 ? SmoothFlow(Width, Height, t, -2) : null).ToList(),
        };
        using SequenceFlows flows = SequenceFlows.FromFlowFields(n, wideFlows, OcclusionOptions.Default, device);
        (string Name, IMaskRefinement Refinement)[] refinements =
        [
            ("Initial refinement (eq. 2)", new InitialRefinement()),
            ("Weighted average ±1", new WeightedAverageRefinement(new WeightedAverageRefinementOptions([1]))),
            ("Weighted average ±1, ±2", new WeightedAverageRefinement(new WeightedAverageRefinementOptions([1, 2]))),
            ("Iterative warping, 1 iteration", new IterativeWarpingRefinement(new IterativeWarpingRefinementOptions(Iterations: 1))),
            ("Iterative warping, 8 iterations", new IterativeWarpingRefinement(new IterativeWarpingRefinementOptions(Iterations: 8))),
        ];
        foreach ((string name, IMaskRefinement refinement) in refinements)
        {
            double fps = n / Median(repeats, () => refinement.Refine(masks, flows, cancellationToken));
            rows.Add(new BenchRow("Refinement at 854×480", name, "fps", fps, null, string.Empty, note + "; includes mask upload and download, visibility precomputed"));
        }

        // J&F over the DAVIS validation set's 1,376 masks, cycling the available ones.
        IReadOnlyList<BinaryMask> predictions = masks.Select(m => Shift(m, 6, 3)).ToList();
        EvaluationBenchmarkResult ours = EvaluationBenchmark.Run(predictions, masks);
        double? pythonSeconds = PythonJandF(python, toolkit, masks, predictions, EvaluationBenchmark.DavisValidationMaskCount);
        string peer = pythonSeconds is null ? string.Empty : "davis2017-evaluation (Python, 1 process)";
        double jfNote = EvaluationBenchmark.DavisValidationMaskCount;
        rows.Add(new BenchRow("J&F over 1,376 masks at 854×480", "VideoSeg J&F, 1 thread", "fps", jfNote / ours.SingleThreaded.TotalSeconds, pythonSeconds is null ? null : pythonSeconds / ours.SingleThreaded.TotalSeconds, peer, $"masks: {source}, predictions shifted by (6, 3) px; total {ours.SingleThreaded.TotalSeconds:F2} s"));
        rows.Add(new BenchRow("J&F over 1,376 masks at 854×480", $"VideoSeg J&F, {ours.DegreeOfParallelism} threads", "fps", jfNote / ours.Parallel.TotalSeconds, pythonSeconds is null ? null : pythonSeconds / ours.Parallel.TotalSeconds, peer, $"total {ours.Parallel.TotalSeconds:F2} s"));
        if (pythonSeconds is not null)
        {
            rows.Add(new BenchRow("J&F over 1,376 masks at 854×480", "davis2017-evaluation db_eval_iou + db_eval_boundary", "fps", jfNote / pythonSeconds.Value, 1.0, peer, $"total {pythonSeconds:F2} s, same masks"));
        }
        else
        {
            rows.Add(new BenchRow("J&F over 1,376 masks at 854×480", "davis2017-evaluation (not run)", "fps", double.NaN, null, string.Empty, "pass --davis-toolkit <checkout> (or VIDEOSEG_DAVIS_EVAL) with python3-opencv and python3-skimage installed"));
        }
    }

    private static void TrainingBenchmark(List<BenchRow> rows, int repeats, Device device, string python)
    {
        // One GWM training step as GwmTrainer takes it: forward, flow-reconstruction loss, backward, clip, AdamW
        // with GWM's groups (no weight decay on norms and embeddings, tied parameters once).
        const int Batch = 8;
        const string Group = "GWM training at batch 8, 128×224";
        int timedRepeats = Math.Max(3, repeats);
        int threads = torch.get_num_threads();
        double seconds;
        torch.manual_seed(42);
        using (var network = new GwmNetwork(GwmNetworkOptions.CpuSmall, device))
        {
            network.train();
            var loss = new FlowReconstructionLoss();
            WeightDecayGroups groups = WeightDecayGrouping.Split(network);
            Parameter[] trainable = groups.All();
            using var optimizer = groups.CreateAdamW(new GwmTrainingOptions());
            using Tensor images = torch.rand(Batch, 3, 128, 224, device: device) * 255;
            using Tensor flow = torch.randn(Batch, 2, 128, 224, device: device) * 3;
            seconds = Median(timedRepeats, () =>
            {
                using var scope = NewDisposeScope();
                optimizer.zero_grad();
                Tensor value = loss.Compute(network.forward(images), flow);
                value.backward();
                torch.nn.utils.clip_grad_norm_(trainable, 0.01);
                optimizer.step();
            });
        }

        string describe = FlowDevice.Describe(device);
        (double Seconds, int Threads, string Version, string Blas)? peer = device.type == DeviceType.CPU ? PyTorchTrainingStep(python, Batch, threads, timedRepeats) : null;
        string peerName = peer is null ? string.Empty : $"PyTorch {peer.Value.Version} (gwm_small_reference.py)";
        string oursNote = $"one step: forward, loss, backward, gradient clip, AdamW; random inputs; {describe}, {threads} torch threads; median of {timedRepeats}";
        rows.Add(new BenchRow(Group, "GwmNetwork CpuSmall + FlowReconstructionLoss + AdamW", "it/s", 1 / seconds, peer is null ? null : peer.Value.Seconds / seconds, peerName, oursNote));
        if (peer is not null)
        {
            rows.Add(new BenchRow(Group, "PyTorch peer: same network, loss and optimizer", "it/s", 1 / peer.Value.Seconds, 1.0, peerName, $"eng/reference/gwm_small_reference.py bench, CPU, {peer.Value.Threads} threads (set to ours), BLAS {peer.Value.Blas}, median of {timedRepeats}, same run"));
        }
        else
        {
            string reason = device.type == DeviceType.CPU
                ? $"install python3-torch for {python}"
                : $"the peer runs on the CPU only, ours ran on {describe}";
            rows.Add(new BenchRow(Group, "PyTorch peer (not run)", "it/s", double.NaN, null, string.Empty, reason));
        }
    }

    private static (double Seconds, int Threads, string Version, string Blas)? PyTorchTrainingStep(string python, int batch, int threads, int repeats)
    {
        string script = Path.Combine(AppContext.BaseDirectory, "reference", "gwm_small_reference.py");
        if (!File.Exists(script))
        {
            return null;
        }

        try
        {
            string json = RunPython(python, [script, "bench", "--batch", batch.ToString(CultureInfo.InvariantCulture), "--threads", threads.ToString(CultureInfo.InvariantCulture), "--repeats", repeats.ToString(CultureInfo.InvariantCulture)]);
            using JsonDocument document = JsonDocument.Parse(json);
            JsonElement root = document.RootElement;
            return (
                root.GetProperty("seconds_per_step").GetDouble(),
                root.GetProperty("threads").GetInt32(),
                root.GetProperty("torch").GetString() ?? "?",
                root.GetProperty("blas").GetString() ?? "?");
        }
        catch (Exception ex) when (ex is IOException or JsonException or InvalidOperationException or KeyNotFoundException)
        {
            Console.Out.WriteLine($"[bench] the PyTorch training step could not be timed: {ex.Message}");
            return null;
        }
    }

    private static void FlowBenchmarks(List<BenchRow> rows, string? dataRoot, Device device, string python, CancellationToken cancellationToken)
    {
        string? chairs = dataRoot is null ? null : Path.Combine(dataRoot, "flyingchairs-samples");
        if (chairs is null || !Directory.Exists(chairs))
        {
            rows.Add(new BenchRow("Flow on FlyingChairs samples", "skipped", "px", double.NaN, null, string.Empty, "flyingchairs-samples not found: pass --data"));
            return;
        }

        Dictionary<string, (double Epe, double Seconds)> peers = OpenCvFlow(python, chairs);
        (double Epe, double Seconds)? dis = peers.TryGetValue("opencv-dis-medium", out var d) ? d : null;
        foreach ((string name, TvL1Options options) in new[] { ("VideoSeg TV-L1 (accurate)", TvL1Options.Accurate), ("VideoSeg TV-L1 (fast)", TvL1Options.Fast) })
        {
            FlowBenchmarkResult result = FlyingChairsBenchmark.Run(chairs, new TvL1FlowEstimator(options, device), cancellationToken);
            string note = $"{result.Pairs.Count} pairs of 512×384 on {FlowDevice.Describe(device)}";
            rows.Add(new BenchRow("Flow on FlyingChairs samples: mean EPE", name, "px", result.MeanEndPointError, dis is null ? null : result.MeanEndPointError / dis.Value.Epe, dis is null ? string.Empty : "OpenCV DIS medium", note));
            rows.Add(new BenchRow("Flow on FlyingChairs samples: time", name, "s/pair", result.SecondsPerPair, dis is null ? null : result.SecondsPerPair / dis.Value.Seconds, dis is null ? string.Empty : "OpenCV DIS medium", note));
        }

        foreach ((string name, (double epe, double seconds)) in peers)
        {
            rows.Add(new BenchRow("Flow on FlyingChairs samples: mean EPE", name, "px", epe, dis is null ? null : epe / dis.Value.Epe, "OpenCV DIS medium", "OpenCV 4.6 via eng/reference/opencv_flow.py, grayscale, 2 threads"));
            rows.Add(new BenchRow("Flow on FlyingChairs samples: time", name, "s/pair", seconds, dis is null ? null : seconds / dis.Value.Seconds, "OpenCV DIS medium", "same run"));
        }
    }

    private static (IReadOnlyList<BinaryMask> Masks, string Source) BenchMasks(string? dataRoot, int count, int width, int height)
    {
        string? folder = dataRoot is null ? null : Path.Combine(dataRoot, "davis2016-car-shadow", "Annotations", "480p", "car-shadow");
        if (folder is not null && Directory.Exists(folder))
        {
            string[] files = Directory.GetFiles(folder, "*.png").Order(StringComparer.Ordinal).ToArray();
            var masks = Enumerable.Range(0, count).Select(i => ImageCodec.ReadMask(files[i % files.Length])).ToList();
            if (masks.All(m => m.Width == width && m.Height == height))
            {
                return (masks, "DAVIS 2016 car-shadow ground truth");
            }
        }

        var synthetic = new List<BinaryMask>();
        for (int i = 0; i < count; i++)
        {
            var mask = new BinaryMask(width, height);
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    double dx = (x - 300 - (5 * i)) / 180.0;
                    double dy = (y - 240) / 120.0;
                    mask[x, y] = (dx * dx) + (dy * dy) < 1;
                }
            }

            synthetic.Add(mask);
        }

        return (synthetic, "synthetic ellipses (car-shadow not found)");
    }

    private static FlowField SmoothFlow(int width, int height, int frame, int gap)
    {
        var flow = new FlowField(width, height);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int i = 2 * ((y * width) + x);
                flow.Data[i] = gap * (3f + (2f * MathF.Sin((x + frame) / 60f)));
                flow.Data[i + 1] = gap * (1.5f * MathF.Cos(y / 45f));
            }
        }

        return flow;
    }

    private static BinaryMask Shift(BinaryMask mask, int dx, int dy)
    {
        var shifted = new BinaryMask(mask.Width, mask.Height);
        for (int y = 0; y < mask.Height; y++)
        {
            for (int x = 0; x < mask.Width; x++)
            {
                int sx = x - dx;
                int sy = y - dy;
                shifted[x, y] = sx >= 0 && sy >= 0 && sx < mask.Width && sy < mask.Height && mask[sx, sy];
            }
        }

        return shifted;
    }

    private static double Median(int repeats, Action action)
    {
        action();
        var times = new List<double>();
        for (int i = 0; i < Math.Max(1, repeats); i++)
        {
            long start = Stopwatch.GetTimestamp();
            action();
            times.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
        }

        times.Sort();
        return times[times.Count / 2];
    }

    private static double? PythonJandF(string python, string? toolkit, IReadOnlyList<BinaryMask> truths, IReadOnlyList<BinaryMask> predictions, int count)
    {
        string driver = Path.Combine(AppContext.BaseDirectory, "reference", "davis_reference.py");
        if (toolkit is null || !Directory.Exists(toolkit) || !File.Exists(driver))
        {
            return null;
        }

        string temp = Path.Combine(Path.GetTempPath(), "videoseg-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            for (int i = 0; i < truths.Count; i++)
            {
                ImageCodec.WriteMaskPng(Path.Combine(temp, "truth", $"{i:D5}.png"), truths[i]);
                ImageCodec.WriteMaskPng(Path.Combine(temp, "prediction", $"{i:D5}.png"), predictions[i]);
            }

            string json = RunPython(python, [driver, "--toolkit", toolkit, "bench", "--truth", Path.Combine(temp, "truth"), "--prediction", Path.Combine(temp, "prediction"), "--count", count.ToString(CultureInfo.InvariantCulture)]);
            using JsonDocument document = JsonDocument.Parse(json);
            return document.RootElement.GetProperty("seconds").GetDouble();
        }
        catch (Exception ex) when (ex is IOException or JsonException or InvalidOperationException or KeyNotFoundException)
        {
            Console.Out.WriteLine($"[bench] the Python DAVIS toolkit could not be timed: {ex.Message}");
            return null;
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }
    }

    private static Dictionary<string, (double Epe, double Seconds)> OpenCvFlow(string python, string chairs)
    {
        var result = new Dictionary<string, (double, double)>(StringComparer.Ordinal);
        string script = Path.Combine(AppContext.BaseDirectory, "reference", "opencv_flow.py");
        try
        {
            using JsonDocument document = JsonDocument.Parse(RunPython(python, [script, chairs]));
            foreach (JsonProperty method in document.RootElement.EnumerateObject())
            {
                result[method.Name] = (method.Value.GetProperty("epe").GetDouble(), method.Value.GetProperty("seconds_per_pair").GetDouble());
            }
        }
        catch (Exception ex) when (ex is IOException or JsonException or InvalidOperationException)
        {
            Console.Out.WriteLine($"[bench] OpenCV peers not run ({ex.Message}); install python3-opencv to compare in the same run");
        }

        return result;
    }

    private static string RunPython(string python, IEnumerable<string> arguments)
    {
        ChildProcessResult result = ChildProcess.Run(python, arguments);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{python} {string.Join(' ', arguments)} exited with {result.ExitCode}: {result.Stderr.Trim()}");
        }

        return result.Stdout.Trim().Split('\n')[^1];
    }

    private static void Write(string output, IReadOnlyList<BenchRow> rows, Device device)
    {
        CsvTableWriter.Write(
            Path.Combine(output, "bench-report.csv"),
            ["group", "name", "metric", "value", "ratio", "peer", "note"],
            rows.Select(row => (IReadOnlyList<string>)
            [
                row.Group, row.Name, row.Metric, row.Value.ToString("G6", CultureInfo.InvariantCulture),
                row.Ratio?.ToString("G4", CultureInfo.InvariantCulture) ?? string.Empty, row.Peer, row.Note,
            ]));
        var md = new StringBuilder();
        md.AppendLine("# VideoSeg benchmarks").AppendLine();
        md.AppendLine("```").AppendLine($"videoseg {ToolVersions.Of(typeof(Program))}, {ToolVersions.Runtime}, {ToolVersions.Platform}");
        md.AppendLine($"TorchSharp {ToolVersions.Of<torch.Tensor>()}, libtorch {torch.__version__}, device {FlowDevice.Describe(device)}, {Environment.ProcessorCount} logical processors").AppendLine("```").AppendLine();
        md.AppendLine("Ratios compare with the peer named in the same row, measured in the same run: for fps, ours ÷ peer's time ratio (a speed-up); for s/pair and px, ours ÷ peer (lower is better).").AppendLine();
        foreach (IGrouping<string, BenchRow> group in rows.GroupBy(r => r.Group))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"## {group.Key}").AppendLine();
            md.AppendLine("| Implementation | Value | Unit | Ratio | Peer | Note |").AppendLine("|---|---:|---|---:|---|---|");
            foreach (BenchRow row in group)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {row.Name} | {row.Value:G4} | {row.Metric} | {(row.Ratio is null ? "—" : row.Ratio.Value.ToString("F2", CultureInfo.InvariantCulture) + "×")} | {row.Peer} | {row.Note} |");
            }

            md.AppendLine();
        }

        AtomicFile.WriteAllText(Path.Combine(output, "bench-report-github.md"), md.ToString());
        Console.Out.Write(md.ToString());
    }
}
