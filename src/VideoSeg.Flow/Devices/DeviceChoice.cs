using System;
using static TorchSharp.torch;

namespace VideoSeg.Flow.Devices;

/// <summary>
/// The device a command was asked for and the one it resolved to, resolved once per command and
/// recorded the same way everywhere: in every stamp (<see cref="StampValue"/>) and in the manifest.
/// </summary>
/// <param name="Requested">What the user asked for: auto, cpu, cuda or cuda:N.</param>
/// <param name="Resolved">The device the stage computes on.</param>
public sealed record DeviceChoice(string Requested, Device Resolved)
{
    /// <summary>Resolves <paramref name="requested"/> (see <see cref="FlowDevice.Resolve"/>).</summary>
    public static DeviceChoice Resolve(string requested)
    {
        ArgumentNullException.ThrowIfNull(requested);
        return new DeviceChoice(requested, FlowDevice.Resolve(requested));
    }

    /// <summary>What stamps record: <c>requested -&gt; resolved</c>, e.g. <c>auto -&gt; cpu</c>.</summary>
    public string StampValue => $"{Requested} -> {Resolved}";
}
