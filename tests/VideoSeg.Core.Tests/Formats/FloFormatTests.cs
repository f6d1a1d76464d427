using System;
using System.IO;
using VideoSeg.Core.Formats;
using VideoSeg.Core.Imaging;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Core.Tests.Formats;

public sealed class FloFormatTests
{
    [Fact]
    public void RoundTripPreservesEveryValueAndTheHeader()
    {
        using var temp = new TempDirectory();
        var flow = new FlowField(3, 2, [0.5f, -1.25f, 2f, 3f, -0.0f, 1e-7f, 100.5f, -200f, 7f, 8f, 9f, 10f]);
        string path = temp.Combine("a.flo");

        FloFormat.Write(path, flow);
        FlowField back = FloFormat.Read(path);

        Assert.Equal(3, back.Width);
        Assert.Equal(2, back.Height);
        Assert.Equal(flow.Data, back.Data);
        Assert.Equal(12 + (3 * 2 * 8), new FileInfo(path).Length);
        Assert.Equal(-1.25f, back.V(0, 0));
        Assert.Equal(100.5f, back.U(0, 1));
    }

    [Fact]
    public void BadMagicNumberIsRejectedNamingTheFile()
    {
        byte[] bytes = FloFormat.Encode(new FlowField(2, 2));
        bytes[0] ^= 0xFF;

        var ex = Assert.Throws<VideoSegException>(() => FloFormat.Parse(bytes, "bad.flo"));

        Assert.Equal(ErrorCodes.CorruptFlow, ex.Code);
        Assert.Equal("bad.flo", ex.Path);
        Assert.Contains("magic", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(20)]
    [InlineData(43)]
    public void TruncatedFileIsRejected(int length)
    {
        byte[] bytes = FloFormat.Encode(new FlowField(2, 3));

        var ex = Assert.Throws<VideoSegException>(() => FloFormat.Parse(bytes.AsSpan(0, length), "short.flo"));

        Assert.Equal(ErrorCodes.CorruptFlow, ex.Code);
        Assert.Contains("short.flo", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void NonFiniteValuesAreRejectedWithTheirPosition(float value)
    {
        var flow = new FlowField(2, 2);
        flow.Data[5] = value;

        var ex = Assert.Throws<VideoSegException>(() => FloFormat.Parse(FloFormat.Encode(flow), "nan.flo"));

        Assert.Equal(ErrorCodes.CorruptFlow, ex.Code);
        Assert.Contains("x=0, y=1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ImplausibleDimensionsAreRejected()
    {
        byte[] bytes = FloFormat.Encode(new FlowField(1, 1));
        BitConverter.TryWriteBytes(bytes.AsSpan(4), -3);

        var ex = Assert.Throws<VideoSegException>(() => FloFormat.Parse(bytes, "dims.flo"));

        Assert.Contains("-3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFileIsAMissingFileError()
    {
        var ex = Assert.Throws<VideoSegException>(() => FloFormat.Read("/nonexistent/x.flo"));

        Assert.Equal(ErrorCodes.MissingFile, ex.Code);
        Assert.Equal("/nonexistent/x.flo", ex.Path);
    }

    [SkippableFact]
    public void ReadsTheFlyingChairsGroundTruth()
    {
        string path = SharedData.RequirePath("flyingchairs-samples/0000000-gt.flo");

        FlowField flow = FloFormat.Read(path);

        Assert.Equal(512, flow.Width);
        Assert.Equal(384, flow.Height);
        Assert.Contains(flow.Data, v => Math.Abs(v) > 1f);
    }
}
