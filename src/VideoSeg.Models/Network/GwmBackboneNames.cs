using System;
using System.Collections.Generic;
using System.Linq;
using VideoSeg.Core;

namespace VideoSeg.Models.Network;

/// <summary>
/// The backbones' names on the command line (<c>--backbone</c>, MSBuild's <c>GwmBackbone</c>) and their labels in tables
/// and manifests. The ResNet18's label says it is ImageNet-supervised, so that no reader takes it for GWM's self-supervised DINO.
/// </summary>
public static class GwmBackboneNames
{
    /// <summary>The small CNN trained from scratch (the default).</summary>
    public const string SmallCnn = "small-cnn";

    /// <summary>The frozen ImageNet ResNet18 from the NuGet package.</summary>
    public const string ResNet18 = "resnet18";

    private static readonly Dictionary<string, GwmBackboneKind> s_trainable = new(StringComparer.Ordinal)
    {
        [SmallCnn] = GwmBackboneKind.SmallCnn,
        [ResNet18] = GwmBackboneKind.ResNet18,
    };

    /// <summary>The names <c>videoseg train --backbone</c> accepts.</summary>
    public static IReadOnlyList<string> Trainable { get; } = s_trainable.Keys.ToArray();

    /// <summary>The backbone a command-line name stands for; an unknown name is one <see cref="ErrorCodes.InvalidArgument"/> error listing the known ones.</summary>
    public static GwmBackboneKind Parse(string name) =>
        s_trainable.TryGetValue(name, out GwmBackboneKind kind)
            ? kind
            : throw new VideoSegException(ErrorCodes.InvalidArgument, $"unknown backbone '{name}'; expected one of: {string.Join(", ", Trainable)}");

    /// <summary>The network options a trainable backbone is trained with on a CPU.</summary>
    public static GwmNetworkOptions CpuNetwork(GwmBackboneKind kind) =>
        kind == GwmBackboneKind.ResNet18 ? GwmNetworkOptions.CpuResNet18 : GwmNetworkOptions.CpuSmall;

    /// <summary>The label every table and manifest uses for <paramref name="kind"/>.</summary>
    public static string Label(GwmBackboneKind kind) => kind switch
    {
        GwmBackboneKind.ResNet18 => ResNet18Backbone.DisplayName,
        GwmBackboneKind.DinoVitB8 => "DINO ViT-B/8 (self-supervised, GWM's)",
        _ => "small CNN (trained from scratch)",
    };
}
