namespace VideoSeg.Reports.Html;

/// <summary>A link to one file of the report folder.</summary>
/// <param name="Name">The file's report-relative path, as shown.</param>
/// <param name="Href">The same path, URL-escaped.</param>
/// <param name="Size">Its size in words, e.g. "12.3 KiB".</param>
public sealed record PageLink(string Name, string Href, string Size);
