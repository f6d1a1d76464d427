namespace VideoSeg.Models.Checkpoints;

/// <summary>A <c>numpy.dtype</c> seen only as the first argument of <c>numpy.core.multiarray.scalar</c>.</summary>
internal sealed record NumpyDType(string Code)
{
    /// <summary>The byte order from the dtype's pickled state: '&lt;', '&gt;' or '|'.</summary>
    public char ByteOrder { get; set; } = '<';
}
