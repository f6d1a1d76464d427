using System;
using System.Collections.Generic;
using VideoSeg.Core;
using VideoSeg.Core.Imaging;
using static TorchSharp.torch;

namespace VideoSeg.Flow.Warping;

/// <summary>Conversions between VideoSeg's Core image types and (N, C, H, W) float tensors.</summary>
public static class FlowTensors
{
    /// <summary>A flow field as a (1, 2, H, W) tensor, u then v, in pixels.</summary>
    public static Tensor FromFlowField(FlowField flow, Device device)
    {
        ArgumentNullException.ThrowIfNull(flow);
        return FromFlowFields([flow], device);
    }

    /// <summary>Flow fields of one size stacked as an (N, 2, H, W) tensor, u then v, in pixels.</summary>
    public static Tensor FromFlowFields(IReadOnlyList<FlowField> flows, Device device)
    {
        ArgumentNullException.ThrowIfNull(flows);
        if (flows.Count == 0)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, "at least one flow field is needed");
        }

        int width = flows[0].Width;
        int height = flows[0].Height;
        int plane = width * height * 2;
        var buffer = new float[flows.Count * plane];
        for (int i = 0; i < flows.Count; i++)
        {
            FlowField flow = flows[i];
            if (flow.Width != width || flow.Height != height)
            {
                throw new VideoSegException(ErrorCodes.SizeMismatch, $"flow {i} is {flow.Width}×{flow.Height}, expected {width}×{height} like flow 0");
            }

            Array.Copy(flow.Data, 0, buffer, i * plane, plane);
        }

        using var scope = NewDisposeScope();
        // The Core layout is interleaved (H, W, 2); one permute makes it planar.
        Tensor interleaved = tensor(buffer, new long[] { flows.Count, height, width, 2 });
        return interleaved.permute(0, 3, 1, 2).contiguous().to(device).MoveToOuterDisposeScope();
    }

    /// <summary>RGB images of one size stacked as an (N, 3, H, W) float tensor with values 0..255.</summary>
    public static Tensor FromImages(IReadOnlyList<RgbImage> images, Device device)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.Count == 0)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, "at least one image is needed");
        }

        int width = images[0].Width;
        int height = images[0].Height;
        int plane = width * height * 3;
        var buffer = new byte[images.Count * plane];
        for (int i = 0; i < images.Count; i++)
        {
            RgbImage image = images[i];
            if (image.Width != width || image.Height != height)
            {
                throw new VideoSegException(ErrorCodes.SizeMismatch, $"image {i} is {image.Width}×{image.Height}, expected {width}×{height} like image 0");
            }

            Array.Copy(image.Rgb, 0, buffer, i * plane, plane);
        }

        using var scope = NewDisposeScope();
        // The Core layout is interleaved (H, W, 3); one permute makes it planar.
        Tensor interleaved = tensor(buffer, new long[] { images.Count, height, width, 3 });
        return interleaved.permute(0, 3, 1, 2).to_type(ScalarType.Float32).contiguous().to(device).MoveToOuterDisposeScope();
    }

    /// <summary>Row <paramref name="index"/> of an (N, 2, H, W) tensor as a Core flow field.</summary>
    public static FlowField ToFlowField(Tensor flows, long index)
    {
        ArgumentNullException.ThrowIfNull(flows);
        using var scope = NewDisposeScope();
        Tensor one = flows[index].permute(1, 2, 0).contiguous().to(ScalarType.Float32).cpu();
        return new FlowField((int)flows.shape[3], (int)flows.shape[2], one.data<float>().ToArray());
    }

    /// <summary>Binary masks of one size stacked as an (N, 1, H, W) float tensor of 0 and 1.</summary>
    public static Tensor FromMasks(IReadOnlyList<BinaryMask> masks, Device device)
    {
        ArgumentNullException.ThrowIfNull(masks);
        if (masks.Count == 0)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, "at least one mask is needed");
        }

        int width = masks[0].Width;
        int height = masks[0].Height;
        int plane = width * height;
        var buffer = new byte[masks.Count * plane];
        for (int i = 0; i < masks.Count; i++)
        {
            BinaryMask mask = masks[i];
            if (mask.Width != width || mask.Height != height)
            {
                throw new VideoSegException(ErrorCodes.SizeMismatch, $"mask {i} is {mask.Width}×{mask.Height}, expected {width}×{height} like mask 0");
            }

            Array.Copy(mask.Data, 0, buffer, i * plane, plane);
        }

        using var scope = NewDisposeScope();
        Tensor bytes = tensor(buffer, new long[] { masks.Count, 1, height, width });
        return bytes.to(device).to_type(ScalarType.Float32).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Thresholds an (N, 1, H, W) (or (N, H, W)) soft tensor strictly above <paramref name="threshold"/>
    /// and returns one Core mask per frame.
    /// </summary>
    public static IReadOnlyList<BinaryMask> ToMasks(Tensor values, float threshold = 0.5f)
    {
        ArgumentNullException.ThrowIfNull(values);
        using var scope = NewDisposeScope();
        long count = values.shape[0];
        int height = (int)values.shape[^2];
        int width = (int)values.shape[^1];
        byte[] all = values.gt(threshold).to_type(ScalarType.Byte).contiguous().cpu().data<byte>().ToArray();
        int plane = width * height;
        var result = new BinaryMask[count];
        for (int i = 0; i < count; i++)
        {
            var data = new byte[plane];
            Array.Copy(all, i * plane, data, 0, plane);
            result[i] = new BinaryMask(width, height, data);
        }

        return result;
    }
}
