using System;
using VideoSeg.Reports.Gate;

namespace VideoSeg.Cli.Commands;

/// <summary>One table that <c>verify-baseline</c> compares with its committed baseline.</summary>
/// <param name="Name">"Table 1" or "Table 2", for messages.</param>
/// <param name="Run">This run's CSV.</param>
/// <param name="Baseline">The committed baseline's CSV.</param>
/// <param name="Validate">Reads a file as this table, throwing when it is not one.</param>
/// <param name="Compare">Compares the baseline (first) with the run (second).</param>
internal sealed record BaselineTable(string Name, string Run, string Baseline, Action<string> Validate, Func<string, string, BaselineComparison> Compare);
