namespace VideoSeg.Core.Experiments;

/// <summary>Which iteration of a fine-tuning run a table's headline number comes from; every table labels it.</summary>
public enum FineTuningReportRule
{
    /// <summary>The iteration with the best J, chosen with the ground truth: the paper's <c>main_ssl_stv2.py</c> prints this, and Table 2's "Ours" is most likely it.</summary>
    OracleBest,

    /// <summary>The iteration a rule without the ground truth picks (the seed paper's Sec. 5.5, future work (c)).</summary>
    StoppingRule,

    /// <summary>The last iteration.</summary>
    Final,
}
