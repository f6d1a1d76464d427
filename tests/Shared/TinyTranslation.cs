using System.Collections.Generic;
using System.Linq;
using VideoSeg.Core.Imaging;
using VideoSeg.Flow.Occlusion;
using static TorchSharp.torch;

namespace VideoSeg.Testing;

/// <summary>
/// Tiny hand-checkable sequences: 6×2 frames whose content moves one pixel right per frame. Shared by the
/// Flow and Refine tests, which compile this one file (see their project files).
/// </summary>
internal static class TinyTranslation
{
    internal const int Width = 6;
    internal const int Height = 2;

    /// <summary>Flows for gaps ±1 … ±maxGap of a uniform translation of <paramref name="speed"/> px/frame.</summary>
    internal static SequenceFlows Translation(int frameCount, int maxGap, float speed = 1f)
    {
        var byGap = new Dictionary<int, IReadOnlyList<FlowField?>>();
        for (int g = 1; g <= maxGap; g++)
        {
            foreach (int gap in new[] { g, -g })
            {
                byGap[gap] = Enumerable.Range(0, frameCount)
                    .Select(t => t + gap >= 0 && t + gap < frameCount ? Uniform(gap * speed, 0) : null)
                    .ToArray();
            }
        }

        return SequenceFlows.FromFlowFields(frameCount, byGap, OcclusionOptions.Default, CPU);
    }

    internal static FlowField Uniform(float u, float v, int width = Width, int height = Height)
    {
        var data = new float[width * height * 2];
        for (int i = 0; i < width * height; i++)
        {
            data[2 * i] = u;
            data[(2 * i) + 1] = v;
        }

        return new FlowField(width, height, data);
    }

    /// <summary>A mask whose listed columns are foreground in every row.</summary>
    internal static BinaryMask Columns(params int[] columns)
    {
        var mask = new BinaryMask(Width, Height);
        for (int y = 0; y < Height; y++)
        {
            foreach (int x in columns)
            {
                mask[x, y] = true;
            }
        }

        return mask;
    }

    /// <summary>The foreground columns of a mask whose rows are identical (asserting they are).</summary>
    internal static int[] ColumnsOf(BinaryMask mask)
    {
        var columns = new List<int>();
        for (int x = 0; x < mask.Width; x++)
        {
            bool top = mask[x, 0];
            for (int y = 1; y < mask.Height; y++)
            {
                Xunit.Assert.Equal(top, mask[x, y]);
            }

            if (top)
            {
                columns.Add(x);
            }
        }

        return columns.ToArray();
    }

    /// <summary>Row 0 of frame <paramref name="frame"/> of an (N, 1, H, W) tensor.</summary>
    internal static float[] Row(Tensor values, int frame)
    {
        using var scope = NewDisposeScope();
        return values[frame, 0, 0].contiguous().cpu().data<float>().ToArray();
    }
}
