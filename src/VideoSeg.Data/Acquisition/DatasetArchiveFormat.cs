namespace VideoSeg.Data.Acquisition;

/// <summary>How a dataset's archive is laid out, which decides how it is converted.</summary>
public enum DatasetArchiveFormat
{
    /// <summary>DAVIS-data.zip: <c>DAVIS/{JPEGImages,Annotations}/480p/&lt;seq&gt;/</c> with frame-pair lists in <c>ImageSets/480p/&lt;split&gt;.txt</c>.</summary>
    Davis2016,

    /// <summary>SegTrackv2.zip: <c>JPEGImages/&lt;seq&gt;/</c>, <c>GroundTruth/&lt;seq&gt;[/&lt;object&gt;]/</c>, <c>ImageSets/all.txt</c>.</summary>
    SegTrackV2,
}
