using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using VideoSeg.Core;
using VideoSeg.Core.Formats;
using VideoSeg.Core.Imaging;

namespace VideoSeg.Flow.Import;

/// <summary>
/// Imports the raw ARFlow flows that SSL-VOS (ponimatkin/ssl-vos) saves with <c>numpy.save</c> and that the paper's
/// code (magdyhasan/guess-what-moves-optimization) reads: float32 arrays of shape (H, W, 2), u then v, in pixels of
/// the resolution the flow was computed at (384×640 by default, <c>--test-shape</c>).
/// </summary>
/// <remarks>
/// Naming, as checked in SSL-VOS's <c>generate_flow_arflow.py</c> (run with <c>--raw</c>): frames are sorted by their
/// integer stem and flows are computed for the pairs <c>zip(images[:-step], images[step:])</c>; each is saved under
/// the name of the pair's FIRST image. The forward pass thus stores t → t+1 as
/// <c>flow_1_arflow_&lt;model&gt;_&lt;thr&gt;/&lt;seq&gt;/&lt;stem_t&gt;.npy</c>; the backward pass reverses the frame list, so it
/// stores t+1 → t under the LATER frame's name, <c>flow_reverse_1_…/&lt;seq&gt;/&lt;stem_t+1&gt;.npy</c>. The paper's loader
/// (<c>src/datasets/flow_ssl_detectron.py</c>) pairs the forward flow of frame t with the reverse file of frame t+1
/// in exactly this way, then resizes both to 128×224 with <c>cv2.resize</c> without scaling the displacements.
/// SSL-VOS zeroes the flow where the photometric error exceeds its 90th percentile before saving
/// (<c>calculate_binary_flow_weights</c>), so the imported flows carry those holes.
/// </remarks>
public sealed class SslVosFlowImporter
{
    /// <summary>The variant SSL-VOS generates by default and the paper uses.</summary>
    public const string DefaultVariant = "arflow_cityscapes_percentile_90";

    private readonly FlowImportOptions _options;

    /// <summary>Creates an importer reading forward flows from <paramref name="forwardRoot"/> and reverse flows from <paramref name="reverseRoot"/>.</summary>
    public SslVosFlowImporter(string forwardRoot, string reverseRoot, FlowImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(forwardRoot);
        ArgumentNullException.ThrowIfNull(reverseRoot);
        ArgumentNullException.ThrowIfNull(options);
        SizeLimits.CheckWorkingSize(options.TargetWidth, options.TargetHeight, "flow import target width", "flow import target height");
        ForwardRoot = forwardRoot;
        ReverseRoot = reverseRoot;
        _options = options;
    }

    /// <summary>
    /// Receives a <see cref="ErrorCodes.FlowResized"/> warning for each sequence and direction whose flows were not at
    /// the working size (SSL-VOS's are 640×384): one per folder, naming the first such file and how many were resized.
    /// Null ignores them.
    /// </summary>
    public Action<VideoSegWarning>? Warning { get; init; }

    /// <summary>The folder holding <c>&lt;seq&gt;/&lt;stem_t&gt;.npy</c> = flow t → t+1.</summary>
    public string ForwardRoot { get; }

    /// <summary>The folder holding <c>&lt;seq&gt;/&lt;stem_t+1&gt;.npy</c> = flow t+1 → t.</summary>
    public string ReverseRoot { get; }

    /// <summary>
    /// An importer for SSL-VOS's folder names inside <paramref name="datasetRoot"/>:
    /// <c>flow_{step}_{variant}</c> and <c>flow_reverse_{step}_{variant}</c>, reporting resized flows to
    /// <paramref name="warning"/> (see <see cref="Warning"/>).
    /// </summary>
    public static SslVosFlowImporter ForDataset(string datasetRoot, FlowImportOptions options, string variant = DefaultVariant, int step = 1, Action<VideoSegWarning>? warning = null)
    {
        ArgumentNullException.ThrowIfNull(datasetRoot);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(step);
        return new SslVosFlowImporter(
            Path.Combine(datasetRoot, $"flow_{step}_{variant}"),
            Path.Combine(datasetRoot, $"flow_reverse_{step}_{variant}"),
            options)
        {
            Warning = warning,
        };
    }

    /// <summary>The file of the forward flow from frame <paramref name="sourceStem"/> to the next frame.</summary>
    public string ForwardPath(string sequence, string sourceStem) => Path.Combine(ForwardRoot, sequence, sourceStem + ".npy");

    /// <summary>The file of the reverse flow from frame <paramref name="laterStem"/> back to the previous frame: it bears the later frame's name.</summary>
    public string ReversePath(string sequence, string laterStem) => Path.Combine(ReverseRoot, sequence, laterStem + ".npy");

    /// <summary>
    /// Reads the flows of <paramref name="sequence"/> whose frames are <paramref name="frameStems"/> (in frame order) and
    /// returns two <see cref="GapFlows"/>: gap +1 (sources are all frames but the last) then gap −1 (all frames but the first).
    /// </summary>
    /// <exception cref="VideoSegException">
    /// <see cref="ErrorCodes.MissingFile"/> naming the missing file and the flow it should hold, or
    /// <see cref="ErrorCodes.CorruptNpy"/> for a file that is not a float32 (H, W, 2) array.
    /// </exception>
    public IReadOnlyList<GapFlows> ImportSequence(string sequence, IReadOnlyList<string> frameStems, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        ArgumentNullException.ThrowIfNull(frameStems);
        int pairs = Math.Max(0, frameStems.Count - 1);
        var forwardSources = new string[pairs];
        var forward = new FlowField[pairs];
        var backwardSources = new string[pairs];
        var backward = new FlowField[pairs];
        var forwardTally = new FlowResizeTally(_options);
        var backwardTally = new FlowResizeTally(_options);
        for (int t = 0; t < pairs; t++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string current = frameStems[t];
            string next = frameStems[t + 1];
            forwardSources[t] = current;
            forward[t] = Read(ForwardPath(sequence, current), forwardTally, $"forward flow {current} → {next} of sequence '{sequence}' (SSL-VOS names it after the earlier frame)");
            backwardSources[t] = next;
            backward[t] = Read(ReversePath(sequence, next), backwardTally, $"reverse flow {next} → {current} of sequence '{sequence}' (SSL-VOS names it after the later frame)");
        }

        foreach (VideoSegWarning? warning in new[] { forwardTally.ToWarning(sequence, 1), backwardTally.ToWarning(sequence, -1) })
        {
            if (warning is not null)
            {
                Warning?.Invoke(warning);
            }
        }

        return [new GapFlows(1, forwardSources, forward), new GapFlows(-1, backwardSources, backward)];
    }

    private FlowField Read(string path, FlowResizeTally tally, string what)
    {
        if (!File.Exists(path))
        {
            throw new VideoSegException(ErrorCodes.MissingFile, $"{what} not found: expected the .npy file '{path}'", path);
        }

        FlowField flow = NpyFlowFormat.Read(path);
        tally.Add(path, flow);
        return FlowResampling.Resize(flow, _options.TargetWidth, _options.TargetHeight, _options.Rescaling);
    }
}
