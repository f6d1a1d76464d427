using System;
using System.Collections.Generic;
using System.Linq;
using VideoSeg.Core;
using VideoSeg.Core.Experiments;
using VideoSeg.Core.FineTuning;
using VideoSeg.Reports.Paper;

namespace VideoSeg.Reports.FineTuning;

/// <summary>
/// Builds the Table 2 analogue from the finetune stage's per-sequence records: one row per configuration and
/// sequence in the matrix's and the records' order, then the configuration's "All" row, whose J values are means over
/// the frames of every sequence, each sequence at its own chosen iteration (for the oracle-best column: each sequence's
/// best, as the paper's script prints). The paper's own numbers fill their own columns on SegTrackV2 only.
/// </summary>
public static class Table2Builder
{
    /// <summary>The sequence name of the aggregate rows.</summary>
    public const string AllSequences = "All";

    /// <summary>The rows for <paramref name="records"/>, in the order of <paramref name="configurations"/>.</summary>
    public static IReadOnlyList<Table2Row> Build(IReadOnlyList<FineTuningRunRecord> records, IReadOnlyList<FineTuningConfiguration> configurations, string suite, string datasetLabel)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(configurations);
        var rows = new List<Table2Row>();
        foreach (FineTuningConfiguration configuration in configurations)
        {
            List<FineTuningRunRecord> runs = records.Where(r => r.Configuration == configuration.Name).ToList();
            if (runs.Count == 0)
            {
                throw new VideoSegException(ErrorCodes.MissingFile, $"no fine-tuning record for configuration '{configuration.Name}'; rerun 'videoseg finetune'");
            }

            foreach (FineTuningRunRecord run in runs)
            {
                FineTuningEvaluationRow headline = Headline(run, configuration.Report);
                rows.Add(new Table2Row(
                    datasetLabel,
                    configuration.Name,
                    configuration.Table2Label,
                    run.Sequence,
                    run.Frames,
                    run.Start.OracleJ,
                    FineTuningReportRuleNames.Name(configuration.Report),
                    headline.Iteration,
                    headline.OracleJ,
                    run.OracleBest.Iteration,
                    run.OracleBest.OracleJ,
                    run.Stopping.Iteration,
                    run.Stopping.Reason,
                    run.AtStopping.OracleJ,
                    run.Final.Iteration,
                    run.Final.OracleJ,
                    run.Start.CornerRuleJ,
                    run.AtStopping.CornerRuleJ,
                    Paper(suite, run.Sequence, PaperNumbers.Gwm2MasksRow),
                    Paper(suite, run.Sequence, PaperNumbers.ConsistencyRow)));
            }

            double Mean(Func<FineTuningRunRecord, double> value) => runs.Sum(r => value(r) * r.Frames) / Math.Max(1, runs.Sum(r => r.Frames));
            rows.Add(new Table2Row(
                datasetLabel,
                configuration.Name,
                configuration.Table2Label,
                AllSequences,
                runs.Sum(r => r.Frames),
                Mean(r => r.Start.OracleJ),
                FineTuningReportRuleNames.Name(configuration.Report),
                null,
                Mean(r => Headline(r, configuration.Report).OracleJ),
                null,
                Mean(r => r.OracleBest.OracleJ),
                null,
                string.Empty,
                Mean(r => r.AtStopping.OracleJ),
                null,
                Mean(r => r.Final.OracleJ),
                Mean(r => r.Start.CornerRuleJ),
                Mean(r => r.AtStopping.CornerRuleJ),
                Paper(suite, "all", PaperNumbers.Gwm2MasksRow),
                Paper(suite, "all", PaperNumbers.ConsistencyRow)));
        }

        return rows;
    }

    private static FineTuningEvaluationRow Headline(FineTuningRunRecord run, FineTuningReportRule rule) => rule switch
    {
        FineTuningReportRule.StoppingRule => run.AtStopping,
        FineTuningReportRule.Final => run.Final,
        _ => run.OracleBest,
    };

    private static double? Paper(string suite, string sequence, string row) =>
        suite == "segtrackv2"
            ? PaperNumbers.Table2Figure(row, sequence)?.Value
            : null;
}
