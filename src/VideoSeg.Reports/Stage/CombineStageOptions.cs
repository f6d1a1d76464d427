using System.Collections.Generic;

namespace VideoSeg.Reports.Stage;

/// <summary>What the combine stage reads and where it writes.</summary>
/// <param name="Results">The results root holding <c>&lt;suite&gt;/report/table1.csv</c>.</param>
/// <param name="Suites">The suites, in column order; each must be a plain folder name.</param>
/// <param name="Output">Where the combined <c>table1.csv</c>, <c>table1.md</c> and study page <c>index.html</c> go.</param>
public sealed record CombineStageOptions(string Results, IReadOnlyList<string> Suites, string Output);
