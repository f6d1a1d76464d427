namespace VideoSeg.Models.BaseMasks;

/// <summary>Where the base masks come from (named on the command line by <see cref="BaseMaskSourceNames"/>).</summary>
public enum BaseMaskSourceKind
{
    /// <summary><c>motion</c>: the classical motion-segmentation baseline (a robust fit of GWM's quadratic motion model).</summary>
    Motion,

    /// <summary><c>import</c>: a folder of <c>&lt;seq&gt;/&lt;stem&gt;.png</c> masks, such as GWM's predictions.</summary>
    Import,

    /// <summary><c>gwm</c>: a GWM network, our trainer's export or GWM's published checkpoint.</summary>
    Gwm,
}
