using System;
using VideoSeg.Core;

namespace VideoSeg.Models.FineTuning;

/// <summary>The names the command line, the stamps and the records use for each <see cref="FineTuningProtocol"/>.</summary>
public static class FineTuningProtocolNames
{
    /// <summary>Every accepted name.</summary>
    public static readonly string[] All = ["per-sequence", "long"];

    /// <summary>The protocol named <paramref name="name"/>; an unknown name is one <see cref="ErrorCodes.InvalidArgument"/> error listing the known ones.</summary>
    public static FineTuningProtocol Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name switch
        {
            "per-sequence" => FineTuningProtocol.PerSequence,
            "long" => FineTuningProtocol.LongRun,
            _ => throw new VideoSegException(ErrorCodes.InvalidArgument, $"unknown fine-tuning protocol '{name}'; expected {string.Join(", ", All)}"),
        };
    }

    /// <summary>The name of <paramref name="protocol"/>.</summary>
    public static string Name(FineTuningProtocol protocol) => protocol == FineTuningProtocol.LongRun ? "long" : "per-sequence";

    /// <summary>The consistency weight of the paper's script for <paramref name="protocol"/>: 0.03 (<c>main_ssl_stv2.py</c>) or 0.5 (<c>main_ssl.py</c>).</summary>
    public static double DefaultWeight(FineTuningProtocol protocol) => protocol == FineTuningProtocol.LongRun ? 0.5 : 0.03;
}
