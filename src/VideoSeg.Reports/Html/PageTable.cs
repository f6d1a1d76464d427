using System.Collections.Generic;

namespace VideoSeg.Reports.Html;

/// <summary>A table on the study page and the CSV it mirrors.</summary>
/// <param name="Id">The table's HTML id.</param>
/// <param name="Title">Its heading.</param>
/// <param name="Csv">The report-relative CSV file that holds the same rows, or null when there is none.</param>
/// <param name="Note">A sentence under the heading: the protocol or what the columns mean.</param>
/// <param name="Sortable">Whether clicking a heading sorts the rows.</param>
/// <param name="Columns">The columns, in order.</param>
/// <param name="Rows">The rows in the CSV's order, each with one cell per column.</param>
public sealed record PageTable(
    string Id,
    string Title,
    string? Csv,
    string Note,
    bool Sortable,
    IReadOnlyList<PageColumn> Columns,
    IReadOnlyList<IReadOnlyList<PageCell>> Rows);
