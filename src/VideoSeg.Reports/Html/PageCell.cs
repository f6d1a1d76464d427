namespace VideoSeg.Reports.Html;

/// <summary>One cell of a table on the study page.</summary>
/// <param name="Text">What the reader sees, e.g. J ×100 with one decimal.</param>
/// <param name="CsvColumn">The column of the table's CSV this cell comes from; null for cells that no CSV holds (the paper's numbers).</param>
/// <param name="CsvValue">The cell's value exactly as the CSV writes it, so that a reader (or the browser test) can check the page against the CSV; null with <paramref name="CsvColumn"/>.</param>
/// <param name="SortKey">What the column sorts on: an invariant number for numeric columns, the text otherwise.</param>
/// <param name="Tone">"up" or "down" for differences coloured by sign, else empty.</param>
public sealed record PageCell(string Text, string? CsvColumn, string? CsvValue, string SortKey, string Tone);
