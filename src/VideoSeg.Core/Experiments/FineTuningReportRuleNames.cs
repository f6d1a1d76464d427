namespace VideoSeg.Core.Experiments;

/// <summary>The names the matrix and the tables use for each <see cref="FineTuningReportRule"/>.</summary>
public static class FineTuningReportRuleNames
{
    /// <summary>Every name, in the matrix's vocabulary.</summary>
    public static readonly string[] All = ["oracle-best", "stopping-rule", "final"];

    /// <summary>The rule named <paramref name="name"/>, one of <see cref="All"/> (the matrix parser has checked it).</summary>
    public static FineTuningReportRule Parse(string name) => name switch
    {
        "stopping-rule" => FineTuningReportRule.StoppingRule,
        "final" => FineTuningReportRule.Final,
        _ => FineTuningReportRule.OracleBest,
    };

    /// <summary>The name of <paramref name="rule"/>.</summary>
    public static string Name(FineTuningReportRule rule) => rule switch
    {
        FineTuningReportRule.StoppingRule => "stopping-rule",
        FineTuningReportRule.Final => "final",
        _ => "oracle-best",
    };
}
