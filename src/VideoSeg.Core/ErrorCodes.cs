namespace VideoSeg.Core;

/// <summary>
/// Every error code VideoSeg reports, in one place. The CLI prints them in MSBuild's canonical
/// error format, so the Reproduce target surfaces them unchanged. Ranges: 0xxx build,
/// 1xxx command line and configuration, 2xxx input data, 3xxx downloads, 4xxx stages, 5xxx regression gate.
/// </summary>
public static class ErrorCodes
{
    /// <summary>An option or parameter value is invalid.</summary>
    public const string InvalidArgument = "VSEG1001";

    /// <summary>A configuration name in the experiment matrix or on the command line is unknown.</summary>
    public const string UnknownConfiguration = "VSEG1002";

    /// <summary>The experiment matrix file cannot be read.</summary>
    public const string InvalidMatrix = "VSEG1003";

    /// <summary>An expected file (frame, mask, flow) is missing.</summary>
    public const string MissingFile = "VSEG2001";

    /// <summary>Two inputs that must share a size do not.</summary>
    public const string SizeMismatch = "VSEG2002";

    /// <summary>An image cannot be decoded.</summary>
    public const string CorruptImage = "VSEG2003";

    /// <summary>A .flo file is truncated, has a bad magic number or holds non-finite values.</summary>
    public const string CorruptFlow = "VSEG2004";

    /// <summary>A .npy file is not a float32 H×W×2 array.</summary>
    public const string CorruptNpy = "VSEG2005";

    /// <summary>A dataset directory does not have the expected layout.</summary>
    public const string BadLayout = "VSEG2006";

    /// <summary>A sequence, configuration or frame name read from a list is not one plain path segment.</summary>
    public const string BadName = "VSEG2007";

    /// <summary>
    /// Imported flows are not at the working size and were resized to it (a warning, not an error): reported once
    /// per sequence and gap folder, naming the first such file, its size, the working size, how many were resized
    /// and whether the displacements were rescaled.
    /// </summary>
    public const string FlowResized = "VSEG2008";

    /// <summary>A download failed.</summary>
    public const string DownloadFailed = "VSEG3001";

    /// <summary>A downloaded file's checksum does not match.</summary>
    public const string ChecksumMismatch = "VSEG3002";

    /// <summary>A dataset differs from its published description (a warning, not an error).</summary>
    public const string DatasetWarning = "VSEG3003";

    /// <summary>A stage failed for a reason not covered above.</summary>
    public const string StageFailed = "VSEG4001";

    /// <summary>A stage was cancelled (Ctrl+C).</summary>
    public const string Cancelled = "VSEG4002";

    /// <summary>
    /// A stage's output path is not VideoSeg's to replace: a folder without that stage's stamp, a
    /// regular file, or a path equal to, inside or containing one of the stage's inputs.
    /// </summary>
    public const string OutputNotOwned = "VSEG4003";

    /// <summary>An output path cannot be written (read-only, no space, not a folder).</summary>
    public const string OutputNotWritable = "VSEG4004";

    /// <summary>
    /// A merge of a sharded stage found a shard missing, unfinished, computed from other inputs or parameters,
    /// or two shards that wrote the same file differently.
    /// </summary>
    public const string ShardIncomplete = "VSEG4005";

    /// <summary>The cluster scheduler's commands (<c>sbatch</c>, <c>squeue</c>, <c>scontrol</c>) are absent or refused a request.</summary>
    public const string SchedulerUnavailable = "VSEG4006";

    /// <summary>A job the scheduler ran for a stage (an array task) failed, was cancelled or timed out.</summary>
    public const string SchedulerJobFailed = "VSEG4007";

    /// <summary>An unexpected failure inside VideoSeg (a bug): reported as one line, with the details after it.</summary>
    public const string InternalError = "VSEG4099";

    /// <summary>A run differs from the committed baseline beyond its tolerance.</summary>
    public const string BaselineMismatch = "VSEG5001";
}
