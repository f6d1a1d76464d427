using System;

namespace VideoSeg.Data.Acquisition;

/// <summary>
/// Passes download progress on as acquisition reports, synchronously: <c>Progress&lt;T&gt;</c>
/// would post to the thread pool and could deliver reports out of order.
/// </summary>
internal sealed class AcquisitionProgressForwarder : IProgress<DownloadProgress>
{
    private readonly IProgress<AcquisitionProgress> _target;

    public AcquisitionProgressForwarder(IProgress<AcquisitionProgress> target) => _target = target;

    public void Report(DownloadProgress value) =>
        _target.Report(new AcquisitionProgress(AcquisitionEventKind.Download, string.Empty) { Download = value });
}
