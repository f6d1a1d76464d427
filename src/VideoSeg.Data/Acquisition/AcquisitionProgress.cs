using VideoSeg.Core;

namespace VideoSeg.Data.Acquisition;

/// <summary>One report from <see cref="DatasetAcquirer.AcquireAsync"/>.</summary>
/// <param name="Kind">What the report carries.</param>
/// <param name="Message">
/// A line for the log; for <see cref="AcquisitionEventKind.Warning"/> reports, the warning's canonical line
/// (<see cref="VideoSegWarning.ToDiagnosticString"/>); empty for <see cref="AcquisitionEventKind.Download"/>.
/// </param>
public sealed record AcquisitionProgress(AcquisitionEventKind Kind, string Message)
{
    /// <summary>The warning, for <see cref="AcquisitionEventKind.Warning"/> reports.</summary>
    public VideoSegWarning? Warning { get; init; }

    /// <summary>The download's progress, for <see cref="AcquisitionEventKind.Download"/> reports.</summary>
    public DownloadProgress? Download { get; init; }
}
