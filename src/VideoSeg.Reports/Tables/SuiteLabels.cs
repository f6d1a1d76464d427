namespace VideoSeg.Reports.Tables;

/// <summary>Display names of the suites, as tables label the dataset a number was measured on.</summary>
public static class SuiteLabels
{
    /// <summary>The display name of <paramref name="suite"/>.</summary>
    public static string Describe(string suite) => suite switch
    {
        "synthetic" => "Synthetic suite",
        "davis2016" => "DAVIS 2016",
        "segtrackv2" => "SegTrackV2",
        _ => suite,
    };
}
