using VideoSeg.Core.Imaging;
using Xunit;

namespace VideoSeg.Core.Tests.Imaging;

public sealed class MaskResamplerTests
{
    [Fact]
    public void UpsamplingTwoToFourFollowsHalfPixelCentres()
    {
        // scale 0.5: sources −0.25 (clamped to 0), 0.25, 0.75, 1.25 (upper tap clamped to the last pixel).
        float[] result = MaskResampler.ResampleBilinear([0f, 1f], 2, 1, 4, 1);
        Assert.Equal([0f, 0.25f, 0.75f, 1f], result);
    }

    [Fact]
    public void DownsamplingFourToTwoAveragesPairs()
    {
        // scale 2: sources 0.5 and 2.5.
        float[] result = MaskResampler.ResampleBilinear([0f, 1f, 1f, 0f], 4, 1, 2, 1);
        Assert.Equal([0.5f, 0.5f], result);
    }

    [Fact]
    public void TwoByTwoToThreeByThree()
    {
        // scale 2/3: sources 0 (clamped), 0.5, 1.1667 → taps (0, λ0), (0, λ½), (1, clamped).
        float[] result = MaskResampler.ResampleBilinear([0f, 1f, 1f, 1f], 2, 2, 3, 3);
        float[] expected =
        [
            0f, 0.5f, 1f,
            0.5f, 0.75f, 1f,
            1f, 1f, 1f,
        ];
        Assert.Equal(expected, result);
    }

    [Fact]
    public void BinaryResampleThresholdsStrictlyAboveHalf()
    {
        BinaryMask up = MaskResampler.Resample(new BinaryMask(2, 1, [0, 1]), 4, 1);
        Assert.Equal(new byte[] { 0, 0, 1, 1 }, up.Data);
        BinaryMask down = MaskResampler.Resample(new BinaryMask(4, 1, [0, 1, 1, 0]), 2, 1);
        Assert.Equal(new byte[] { 0, 0 }, down.Data);
    }

    [Fact]
    public void SameSizeIsTheIdentity()
    {
        float[] values = [0f, 0.3f, 1f, 0.7f, 0.2f, 0.9f];
        Assert.Equal(values, MaskResampler.ResampleBilinear(values, 3, 2, 3, 2));
    }

    [Fact]
    public void WrongBufferLengthIsAnError()
    {
        var error = Assert.Throws<VideoSegException>(() => MaskResampler.ResampleBilinear(new float[5], 3, 2, 6, 4));
        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
    }
}
