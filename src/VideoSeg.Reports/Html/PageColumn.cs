namespace VideoSeg.Reports.Html;

/// <summary>One column of a table on the study page.</summary>
/// <param name="Header">The column's heading.</param>
/// <param name="Description">What the column holds, shown as the heading's tooltip.</param>
/// <param name="Numeric">Whether the column sorts as numbers and aligns right.</param>
/// <param name="Source">"ours" for values measured in this run, "paper" for published numbers (styled apart so no reader mixes them up).</param>
public sealed record PageColumn(string Header, string Description, bool Numeric, string Source);
