using System;
using System.Collections.Generic;
using VideoSeg.Core;

namespace VideoSeg.Evaluation;

/// <summary>Which frame indices a <see cref="FrameProtocol"/> counts.</summary>
public static class FrameProtocolExtensions
{
    /// <summary>Whether frame <paramref name="frameIndex"/> (0-based) of a <paramref name="frameCount"/>-frame sequence counts.</summary>
    /// <exception cref="VideoSegException">The index is outside the sequence or the protocol is unknown (<see cref="ErrorCodes.InvalidArgument"/>).</exception>
    public static bool IsCounted(this FrameProtocol protocol, int frameIndex, int frameCount)
    {
        if (frameIndex < 0 || frameIndex >= frameCount)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"frame index {frameIndex} is outside a sequence of {frameCount} frames");
        }

        return protocol switch
        {
            FrameProtocol.All => true,
            FrameProtocol.SkipFirst => frameIndex > 0,
            FrameProtocol.SkipFirstAndLast => frameIndex > 0 && frameIndex < frameCount - 1,
            FrameProtocol.GwmIndexAboveOne => frameIndex > 1,
            _ => throw new VideoSegException(ErrorCodes.InvalidArgument, $"unknown frame protocol {protocol}; expected one of {string.Join(", ", Enum.GetNames<FrameProtocol>())}"),
        };
    }

    /// <summary>The counted frame indices of a <paramref name="frameCount"/>-frame sequence, ascending.</summary>
    public static IReadOnlyList<int> CountedFrames(this FrameProtocol protocol, int frameCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frameCount);
        var counted = new List<int>(frameCount);
        for (int i = 0; i < frameCount; i++)
        {
            if (protocol.IsCounted(i, frameCount))
            {
                counted.Add(i);
            }
        }

        return counted;
    }
}
