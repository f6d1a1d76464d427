using System;
using VideoSeg.Core;

namespace VideoSeg.Models.BaseMasks;

/// <summary>The names the command line and the stamp use for each <see cref="BaseMaskSourceKind"/>.</summary>
public static class BaseMaskSourceNames
{
    /// <summary>Every accepted name, in the command line's vocabulary.</summary>
    public static readonly string[] All = ["motion", "import", "gwm"];

    /// <summary>The source named <paramref name="name"/>; an unknown name is one <see cref="ErrorCodes.InvalidArgument"/> error listing the known ones.</summary>
    public static BaseMaskSourceKind Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name switch
        {
            "motion" => BaseMaskSourceKind.Motion,
            "import" => BaseMaskSourceKind.Import,
            "gwm" => BaseMaskSourceKind.Gwm,
            _ => throw new VideoSegException(ErrorCodes.InvalidArgument, $"unknown base-mask source '{name}'; expected {string.Join(", ", All)}"),
        };
    }

    /// <summary>The name of <paramref name="kind"/>, as the stamp records it.</summary>
    public static string Name(BaseMaskSourceKind kind) => kind switch
    {
        BaseMaskSourceKind.Motion => "motion",
        BaseMaskSourceKind.Import => "import",
        BaseMaskSourceKind.Gwm => "gwm",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a base-mask source"),
    };
}
