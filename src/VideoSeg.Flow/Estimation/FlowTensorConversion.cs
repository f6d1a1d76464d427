using System;
using System.Collections.Generic;
using System.Globalization;
using VideoSeg.Core;
using VideoSeg.Core.Imaging;
using static TorchSharp.torch;

namespace VideoSeg.Flow.Estimation;

/// <summary>Moves frames into batched tensors and flows back out, and checks that a batch of pairs is well formed.</summary>
public static class FlowTensorConversion
{
    /// <summary>Checks that both lists hold as many frames, all of one size; returns that size ((0, 0) when empty).</summary>
    public static (int Width, int Height) CheckPairs(IReadOnlyList<RgbImage> sources, IReadOnlyList<RgbImage> targets)
    {
        if (sources.Count != targets.Count)
        {
            throw new VideoSegException(
                ErrorCodes.InvalidArgument,
                string.Create(CultureInfo.InvariantCulture, $"flow estimation needs one target per source frame; got {sources.Count} sources and {targets.Count} targets"));
        }

        if (sources.Count == 0)
        {
            return (0, 0);
        }

        int width = sources[0].Width;
        int height = sources[0].Height;
        for (int i = 0; i < sources.Count; i++)
        {
            Check(sources[i], "source", i, width, height);
            Check(targets[i], "target", i, width, height);
        }

        return (width, height);
    }

    /// <summary>Luma in [0, 255] (BT.601), shape (N, 1, H, W), on <paramref name="device"/>.</summary>
    public static Tensor ToGray(IReadOnlyList<RgbImage> images, Device device)
    {
        int width = images[0].Width;
        int height = images[0].Height;
        int pixels = width * height;
        var gray = new float[images.Count * pixels];
        for (int i = 0; i < images.Count; i++)
        {
            byte[] rgb = images[i].Rgb;
            int offset = i * pixels;
            for (int p = 0; p < pixels; p++)
            {
                gray[offset + p] = (0.299f * rgb[3 * p]) + (0.587f * rgb[(3 * p) + 1]) + (0.114f * rgb[(3 * p) + 2]);
            }
        }

        return tensor(gray, [images.Count, 1, height, width]).to(device);
    }

    /// <summary>Splits an (N, 2, H, W) flow tensor into N interleaved flow fields.</summary>
    public static IReadOnlyList<FlowField> ToFlowFields(Tensor flow, int width, int height)
    {
        int count = (int)flow.shape[0];
        int values = width * height * 2;
        float[] all = flow.permute(0, 2, 3, 1).contiguous().cpu().data<float>().ToArray();
        var fields = new FlowField[count];
        for (int i = 0; i < count; i++)
        {
            var data = new float[values];
            Array.Copy(all, (long)i * values, data, 0, values);
            fields[i] = new FlowField(width, height, data);
        }

        return fields;
    }

    private static void Check(RgbImage image, string role, int index, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Width != width || image.Height != height)
        {
            throw new VideoSegException(
                ErrorCodes.SizeMismatch,
                string.Create(CultureInfo.InvariantCulture, $"{role} frame {index} is {image.Width}×{image.Height}; every frame of a flow batch must match the first source, {width}×{height}"));
        }
    }
}
