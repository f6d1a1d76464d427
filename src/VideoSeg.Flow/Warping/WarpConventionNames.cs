using System;
using VideoSeg.Core;

namespace VideoSeg.Flow.Warping;

/// <summary>The names the experiment matrix and the command line use for each <see cref="WarpConvention"/>.</summary>
public static class WarpConventionNames
{
    /// <summary>Every accepted name, in the matrix's vocabulary.</summary>
    public static readonly string[] All = ["pixel-exact", "ssl-vos", "paper-iterative-code", "paper-consistency-code"];

    /// <summary>The convention named <paramref name="name"/>; an unknown name is one <see cref="ErrorCodes.InvalidArgument"/> error listing the known ones.</summary>
    public static WarpConvention Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name switch
        {
            "pixel-exact" => WarpConvention.PixelExact,
            "ssl-vos" => WarpConvention.SslVos,
            "paper-iterative-code" => WarpConvention.PaperIterativeCode,
            "paper-consistency-code" => WarpConvention.PaperConsistencyCode,
            _ => throw new VideoSegException(ErrorCodes.InvalidArgument, $"unknown warp convention '{name}'; expected {string.Join(", ", All)}"),
        };
    }
}
