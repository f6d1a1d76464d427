using System;
using VideoSeg.Core;

namespace VideoSeg.Refine;

/// <summary>The names the experiment matrix uses for each <see cref="PropagationFlow"/>.</summary>
public static class PropagationFlowNames
{
    /// <summary>Every accepted name, in the matrix's vocabulary.</summary>
    public static readonly string[] All = ["source-to-target", "target-to-source"];

    /// <summary>The propagation named <paramref name="name"/>; an unknown name is one <see cref="ErrorCodes.InvalidArgument"/> error listing the known ones.</summary>
    public static PropagationFlow Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name switch
        {
            "source-to-target" => PropagationFlow.SourceToTarget,
            "target-to-source" => PropagationFlow.TargetToSource,
            _ => throw new VideoSegException(ErrorCodes.InvalidArgument, $"unknown propagation '{name}'; expected {string.Join(", ", All)}"),
        };
    }
}
