using System;
using VideoSeg.Core;

namespace VideoSeg.Models.Foreground;

/// <summary>The names the command line and the stamp use for each <see cref="ForegroundSelectorKind"/>, and the selector each stands for.</summary>
public static class ForegroundSelectorNames
{
    /// <summary>Every accepted name, in the command line's vocabulary.</summary>
    public static readonly string[] All = ["corner-rule", "motion-residual", "oracle-iou"];

    /// <summary>The selector named <paramref name="name"/>; an unknown name is one <see cref="ErrorCodes.InvalidArgument"/> error listing the known ones.</summary>
    public static ForegroundSelectorKind Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name switch
        {
            "corner-rule" => ForegroundSelectorKind.CornerRule,
            "motion-residual" => ForegroundSelectorKind.MotionResidual,
            "oracle-iou" => ForegroundSelectorKind.OracleIoU,
            _ => throw new VideoSegException(ErrorCodes.InvalidArgument, $"unknown foreground selector '{name}'; expected {string.Join(", ", All)}"),
        };
    }

    /// <summary>The name of <paramref name="kind"/>, as the stamp records it.</summary>
    public static string Name(ForegroundSelectorKind kind) => kind switch
    {
        ForegroundSelectorKind.CornerRule => "corner-rule",
        ForegroundSelectorKind.MotionResidual => "motion-residual",
        ForegroundSelectorKind.OracleIoU => "oracle-iou",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a foreground selector"),
    };

    /// <summary>A new selector of kind <paramref name="kind"/>.</summary>
    public static IForegroundSelector Create(ForegroundSelectorKind kind) => kind switch
    {
        ForegroundSelectorKind.CornerRule => new CornerRuleSelector(),
        ForegroundSelectorKind.MotionResidual => new MotionResidualSelector(),
        ForegroundSelectorKind.OracleIoU => new OracleIoUSelector(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a foreground selector"),
    };
}
