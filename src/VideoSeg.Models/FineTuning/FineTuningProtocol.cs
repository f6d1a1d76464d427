namespace VideoSeg.Models.FineTuning;

/// <summary>The paper code's two fine-tuning protocols; every record names the one it followed.</summary>
public enum FineTuningProtocol
{
    /// <summary>
    /// <c>main_ssl_stv2.py</c> (Table 2): every sequence on its own from the same starting checkpoint, a short run,
    /// J every few steps; consistency weight 0.03.
    /// </summary>
    PerSequence,

    /// <summary><c>main_ssl.py</c> (Figures 8 and 9): one chosen sequence for many steps, J every N steps; consistency weight 0.5.</summary>
    LongRun,
}
