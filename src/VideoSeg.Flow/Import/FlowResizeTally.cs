using System.Globalization;
using VideoSeg.Core;
using VideoSeg.Core.Imaging;

namespace VideoSeg.Flow.Import;

/// <summary>
/// Counts the flows of one sequence and gap that an importer resized to the working size, so that a
/// sequence of hundreds of them yields one <see cref="ErrorCodes.FlowResized"/> warning naming the first.
/// </summary>
internal sealed class FlowResizeTally
{
    private readonly FlowImportOptions _options;
    private string? _firstPath;
    private int _firstWidth;
    private int _firstHeight;
    private int _resized;
    private int _total;

    public FlowResizeTally(FlowImportOptions options)
    {
        _options = options;
    }

    /// <summary>Records one stored flow as read from <paramref name="path"/>, before it is resized.</summary>
    public void Add(string path, FlowField stored)
    {
        _total++;
        if (stored.Width == _options.TargetWidth && stored.Height == _options.TargetHeight)
        {
            return;
        }

        if (_resized++ == 0)
        {
            (_firstPath, _firstWidth, _firstHeight) = (path, stored.Width, stored.Height);
        }
    }

    /// <summary>The one warning for the flows recorded so far, or null when none was resized.</summary>
    public VideoSegWarning? ToWarning(string sequence, int gap)
    {
        if (_resized == 0)
        {
            return null;
        }

        string displacements = _options.Rescaling == FlowRescaling.ScaleDisplacements
            ? "displacements were rescaled with the resolution"
            : "displacements were kept as stored (not rescaled)";
        string message = string.Create(
            CultureInfo.InvariantCulture,
            $"{_resized} of {_total} flows of sequence '{sequence}' for gap {gap} are not at the working size {_options.TargetWidth}×{_options.TargetHeight} and were resized to it; the first, this file, is {_firstWidth}×{_firstHeight}; {displacements}");
        return new VideoSegWarning(ErrorCodes.FlowResized, message, _firstPath);
    }
}
