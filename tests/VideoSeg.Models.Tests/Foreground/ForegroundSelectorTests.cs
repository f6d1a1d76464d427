using VideoSeg.Core;
using VideoSeg.Models.Foreground;
using Xunit;
using static TorchSharp.torch;

namespace VideoSeg.Models.Tests.Foreground;

public sealed class ForegroundSelectorTests
{
    [Fact]
    public void OracleIsLabelledAndPicksTheHigherIoU()
    {
        using var scope = NewDisposeScope();
        var oracle = new OracleIoUSelector();
        Assert.Contains("oracle", oracle.Name, System.StringComparison.Ordinal);
        Assert.True(oracle.UsesGroundTruth);

        // 4×4 masks: mask 1 is the top-left 2×2 block; ground truth is that block plus one more pixel.
        Tensor block = zeros(4, 4);
        block[0..2, 0..2] = tensor(1.0f);
        Tensor gt = block.clone();
        gt[2, 0] = tensor(1.0f);
        Tensor masks = stack([1 - block, block], 0);

        double[] scores = OracleIoUSelector.Scores(new ForegroundCandidates(masks, GroundTruth: gt));
        Assert.Equal(1.0 / 16.0, scores[0], 12);
        Assert.Equal(4.0 / 5.0, scores[1], 12);
        Assert.Equal(1, oracle.Select(new ForegroundCandidates(masks, GroundTruth: gt)));
        Assert.Equal(0, oracle.Select(new ForegroundCandidates(stack([block, 1 - block], 0), GroundTruth: gt)));

        // DAVIS's 0/255 annotation scores the same as 0/1.
        double[] davisScores = OracleIoUSelector.Scores(new ForegroundCandidates(masks, GroundTruth: (gt * 255).to(ScalarType.Byte)));
        Assert.Equal(scores, davisScores);
    }

    [Fact]
    public void OracleUpsamplesBilinearlyToTheGroundTruthAndThresholdsAtHalf()
    {
        using var scope = NewDisposeScope();

        // A 2×2 mask with 0.6 at (0, 0) upsampled bilinearly to 4×4 (align_corners=False) is 0.6 at (0,0), 0.45 at
        // (0,1) and (1,0), 0.3375 at (1,1): one pixel passes > 0.5 (nearest upsampling would pass four).
        // Ground truth = the top-left 2×2 block, so IoU = 1/4; the complement mask covers the other 15 pixels.
        Tensor small = zeros(2, 2);
        small[0, 0] = tensor(0.6f);
        Tensor gt = zeros(4, 4);
        gt[0..2, 0..2] = ones(2, 2);
        var candidates = new ForegroundCandidates(stack([small, 1 - small], 0), GroundTruth: gt);
        double[] scores = OracleIoUSelector.Scores(candidates);
        Assert.Equal(1.0 / 4.0, scores[0], 6);
        Assert.Equal(3.0 / 16.0, scores[1], 6);
        Assert.Equal(0, new OracleIoUSelector().Select(candidates));
        Assert.Throws<VideoSegException>(() => new OracleIoUSelector().Select(new ForegroundCandidates(stack([small, 1 - small], 0))));
    }

    [Fact]
    public void CornerRulePicksTheSmallerRegion()
    {
        using var scope = NewDisposeScope();
        var rule = new CornerRuleSelector();
        Assert.DoesNotContain("oracle", rule.Name, System.StringComparison.OrdinalIgnoreCase);
        Assert.False(rule.UsesGroundTruth);

        Tensor square = zeros(6, 6);
        square[2..4, 2..4] = tensor(0.9f);
        Assert.Equal(1, rule.Select(new ForegroundCandidates(stack([1 - square, square], 0))));
        Assert.Equal(0, rule.Select(new ForegroundCandidates(stack([square, 1 - square], 0))));
    }

    [Fact]
    public void CornerRuleFlipsWhenThreeOrMoreCornersAreForeground()
    {
        using var scope = NewDisposeScope();
        var rule = new CornerRuleSelector();

        // Mask 1 (the top row and the left half of the bottom row, 9 of 36 pixels) is the smaller region but holds
        // three corners: top-left, top-right, bottom-left.
        Tensor frame = zeros(6, 6);
        frame[0] = ones(6);
        frame[5, 0..3] = ones(3);
        Tensor masks = stack([1 - frame, frame], 0);
        Assert.Equal(0, rule.Select(new ForegroundCandidates(masks)));

        // Two corners only: no flip.
        Tensor twoCorners = zeros(6, 6);
        twoCorners[0] = ones(6);
        Assert.Equal(1, rule.Select(new ForegroundCandidates(stack([1 - twoCorners, twoCorners], 0))));
    }

    [Fact]
    public void CornerRuleBreaksTiesLikeTheTorchArgmax()
    {
        using var scope = NewDisposeScope();

        // Equal probabilities everywhere: argmax is mask 0 everywhere, so mask 1 is empty and smaller; its
        // corner count is 0, no flip.
        Tensor half = full(2, 4, 4, 0.5f);
        Assert.Equal(1, new CornerRuleSelector().Select(new ForegroundCandidates(half)));

        // Equal areas: mask 0 is chosen (index 1 only when area(0) > area(1)).
        Tensor left = zeros(4, 4);
        left[.., 0..2] = ones(4, 2);
        Assert.Equal(0, new CornerRuleSelector().Select(new ForegroundCandidates(stack([left, 1 - left], 0))));
    }

    [Fact]
    public void MotionResidualPicksTheMovingSquare()
    {
        using var scope = NewDisposeScope();
        var rule = new MotionResidualSelector();
        Assert.False(rule.UsesGroundTruth);
        Assert.DoesNotContain("oracle", rule.Name, System.StringComparison.OrdinalIgnoreCase);

        // 32×48 frame: the background zooms slightly (a quadratic model explains it), a 10×12 square translates.
        const int h = 32;
        const int w = 48;
        Tensor square = zeros(h, w);
        square[8..18, 20..32] = ones(10, 12);
        Tensor ys = arange(h, dtype: ScalarType.Float32).unsqueeze(1).expand(h, w);
        Tensor xs = arange(w, dtype: ScalarType.Float32).unsqueeze(0).expand(h, w);
        Tensor u = (0.02f * (xs - (w / 2))) * (1 - square) + (3.0f * square);
        Tensor v = (0.02f * (ys - (h / 2))) * (1 - square) + (-2.0f * square);
        Tensor flow = stack([u, v], 0);

        // Masks at half resolution, softened, to exercise the upsampling.
        Tensor small = nn.functional.avg_pool2d(square.reshape(1, 1, h, w), 2)[0, 0] * 0.8f + 0.1f;
        Assert.Equal(1, rule.Select(new ForegroundCandidates(stack([1 - small, small], 0), Flow: flow)));
        Assert.Equal(0, rule.Select(new ForegroundCandidates(stack([small, 1 - small], 0), Flow: flow)));

        double[] residuals = MotionResidualSelector.Residuals(new ForegroundCandidates(stack([1 - small, small], 0), Flow: flow));
        Assert.True(residuals[1] > 4 * residuals[0], $"square residual {residuals[1]} vs background {residuals[0]}");
        Assert.Throws<VideoSegException>(() => rule.Select(new ForegroundCandidates(stack([1 - small, small], 0))));
    }

    [Fact]
    public void MotionResidualFallsBackToTheSmallerRegionWithoutMotion()
    {
        using var scope = NewDisposeScope();
        Tensor square = zeros(8, 8);
        square[2..5, 2..5] = ones(3, 3);
        Tensor flow = zeros(2, 8, 8);
        Assert.Equal(0, new MotionResidualSelector().Select(new ForegroundCandidates(stack([square, 1 - square], 0), Flow: flow)));
        Assert.Equal(1, new MotionResidualSelector().Select(new ForegroundCandidates(stack([1 - square, square], 0), Flow: flow)));
    }

    [Fact]
    public void SelectorsRejectWrongMaskShapes()
    {
        using var scope = NewDisposeScope();
        var three = new ForegroundCandidates(ones(3, 4, 4), zeros(2, 4, 4), ones(4, 4));
        Assert.Throws<VideoSegException>(() => new CornerRuleSelector().Select(three));
        Assert.Throws<VideoSegException>(() => new OracleIoUSelector().Select(three));
        Assert.Throws<VideoSegException>(() => new MotionResidualSelector().Select(three));
    }
}
