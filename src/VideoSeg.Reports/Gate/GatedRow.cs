using System.Collections.Generic;

namespace VideoSeg.Reports.Gate;

/// <summary>A table row as the regression gate sees it: a key and the values it compares, in column order.</summary>
/// <param name="Configuration">The row's configuration (for Table 2, configuration/sequence).</param>
/// <param name="Dataset">The row's dataset.</param>
/// <param name="Values">The compared values.</param>
internal sealed record GatedRow(string Configuration, string Dataset, IReadOnlyList<GatedValue> Values);
