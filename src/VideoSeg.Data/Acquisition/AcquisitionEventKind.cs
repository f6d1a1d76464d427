namespace VideoSeg.Data.Acquisition;

/// <summary>What an <see cref="AcquisitionProgress"/> report carries.</summary>
public enum AcquisitionEventKind
{
    /// <summary>A step began or ended, or a count worth logging.</summary>
    Info,

    /// <summary>Something suspicious that does not stop the acquisition (a retry, a count that differs from the published one).</summary>
    Warning,

    /// <summary>Bytes received; <see cref="AcquisitionProgress.Download"/> is set.</summary>
    Download,
}
