using System;
using System.Text;
using VideoSeg.Core.Formats;
using VideoSeg.Core.Imaging;
using Xunit;

namespace VideoSeg.Core.Tests.Formats;

public sealed class NpyFlowFormatTests
{
    [Fact]
    public void RoundTripsAnHxWx2Float32Array()
    {
        var flow = new FlowField(4, 3);
        for (int i = 0; i < flow.Data.Length; i++)
        {
            flow.Data[i] = (i * 0.25f) - 3f;
        }

        byte[] bytes = NpyFlowFormat.Encode(flow);
        FlowField back = NpyFlowFormat.Parse(bytes, "f.npy");

        Assert.Equal(0, (bytes.Length - (4 * flow.Data.Length)) % 64);
        Assert.Equal(flow.Data, back.Data);
        Assert.Equal((4, 3), (back.Width, back.Height));
    }

    [Fact]
    public void RejectsFloat64Arrays()
    {
        byte[] bytes = NpyFlowFormat.Encode(new FlowField(2, 2));
        int at = Encoding.ASCII.GetString(bytes).IndexOf("<f4", StringComparison.Ordinal);
        bytes[at + 2] = (byte)'8';

        var ex = Assert.Throws<VideoSegException>(() => NpyFlowFormat.Parse(bytes, "f8.npy"));

        Assert.Equal(ErrorCodes.CorruptNpy, ex.Code);
        Assert.Contains("'<f4'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsAWrongLastDimension()
    {
        byte[] bytes = NpyFlowFormat.Encode(new FlowField(2, 2));
        string text = Encoding.ASCII.GetString(bytes);
        int at = text.IndexOf("(2, 2, 2)", StringComparison.Ordinal);
        bytes[at + 7] = (byte)'3';

        var ex = Assert.Throws<VideoSegException>(() => NpyFlowFormat.Parse(bytes, "f.npy"));

        Assert.Contains("(H, W, 2)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsTruncatedPayload()
    {
        byte[] bytes = NpyFlowFormat.Encode(new FlowField(2, 2));

        var ex = Assert.Throws<VideoSegException>(() => NpyFlowFormat.Parse(bytes.AsSpan(0, bytes.Length - 4), "t.npy"));

        Assert.Equal(ErrorCodes.CorruptNpy, ex.Code);
    }

    [Fact]
    public void RejectsFilesWithoutTheNumpyMagic()
    {
        var ex = Assert.Throws<VideoSegException>(() => NpyFlowFormat.Parse("PIEH0000000000"u8, "x.npy"));

        Assert.Equal(ErrorCodes.CorruptNpy, ex.Code);
    }
}
