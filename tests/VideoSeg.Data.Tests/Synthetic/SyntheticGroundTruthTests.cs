using System;
using System.IO;
using VideoSeg.Core.Formats;
using VideoSeg.Core.Imaging;
using VideoSeg.Core.Pipeline;
using VideoSeg.Data.Imaging;
using VideoSeg.Data.Synthetic;
using Xunit;
using Xunit.Abstractions;

namespace VideoSeg.Data.Tests.Synthetic;

public sealed class SyntheticGroundTruthTests : IClassFixture<SyntheticSuiteFixture>
{
    private const double ColourTolerance = 12;

    private readonly SyntheticSuiteFixture _suite;
    private readonly ITestOutputHelper _output;
    private readonly DatasetLayout _layout;

    public SyntheticGroundTruthTests(SyntheticSuiteFixture suite, ITestOutputHelper output)
    {
        _suite = suite;
        _output = output;
        _layout = new DatasetLayout(suite.Root);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(-1)]
    [InlineData(2)]
    [InlineData(-2)]
    public void Warping_the_target_frame_by_the_flow_reproduces_the_source_at_visible_pixels(int gap)
    {
        Span<double> sample = stackalloc double[3];
        foreach (SyntheticSequenceInfo sequence in _suite.Manifest.Sequences)
        {
            long visible = 0;
            long matched = 0;
            double error = 0;
            long shiftedCount = 0;
            double shiftedError = 0;
            for (int t = Math.Max(0, -gap); t < sequence.Frames && t + gap < sequence.Frames; t++)
            {
                RgbImage source = ReadFrame(sequence.Name, t);
                RgbImage target = ReadFrame(sequence.Name, t + gap);
                FlowField flow = FloFormat.Read(DatasetLayout.FlowPath(_layout.GroundTruthFlowsRoot, gap, sequence.Name, Stem(t)));
                BinaryMask seen = ImageCodec.ReadMask(DatasetLayout.OcclusionPath(_layout.GroundTruthOcclusionsRoot, gap, sequence.Name, Stem(t)));
                for (int y = 0; y < source.Height; y++)
                {
                    for (int x = 0; x < source.Width; x++)
                    {
                        if (!seen[x, y])
                        {
                            continue;
                        }

                        double tx = x + flow.U(x, y);
                        double ty = y + flow.V(x, y);
                        Assert.True(Sampling.Inside(flow, tx, ty), $"{sequence.Name} {t}: a visible pixel must land inside the target frame");
                        visible++;
                        Sampling.Rgb(target, tx, ty, sample);
                        double difference = MaxDifference(source, x, y, sample);
                        error += difference;
                        matched += difference <= ColourTolerance ? 1 : 0;

                        // The control: the same flow off by one pixel must match clearly worse.
                        if (Sampling.Inside(flow, tx + 1, ty))
                        {
                            Sampling.Rgb(target, tx + 1, ty, sample);
                            shiftedError += MaxDifference(source, x, y, sample);
                            shiftedCount++;
                        }
                    }
                }
            }

            double fraction = matched / (double)visible;
            double meanError = error / visible;
            double meanShiftedError = shiftedError / shiftedCount;
            _output.WriteLine($"{sequence.Name} gap {gap}: {fraction:P2} of {visible} visible pixels within {ColourTolerance}; mean error {meanError:F2}, off by one pixel {meanShiftedError:F2}");
            Assert.True(fraction >= 0.97, $"{sequence.Name} gap {gap}: only {fraction:P2} of visible pixels match");
            Assert.True(meanError < 3, $"{sequence.Name} gap {gap}: mean error {meanError:F2}");
            Assert.True(meanShiftedError > 3 * meanError, $"{sequence.Name} gap {gap}: a one-pixel error gives {meanShiftedError:F2}, not clearly worse than {meanError:F2}");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Forward_and_backward_flows_cancel_at_visible_pixels(int gap)
    {
        foreach (SyntheticSequenceInfo sequence in _suite.Manifest.Sequences)
        {
            long visible = 0;
            long consistent = 0;
            for (int t = 0; t + gap < sequence.Frames; t++)
            {
                FlowField forward = FloFormat.Read(DatasetLayout.FlowPath(_layout.GroundTruthFlowsRoot, gap, sequence.Name, Stem(t)));
                FlowField backward = FloFormat.Read(DatasetLayout.FlowPath(_layout.GroundTruthFlowsRoot, -gap, sequence.Name, Stem(t + gap)));
                BinaryMask seen = ImageCodec.ReadMask(DatasetLayout.OcclusionPath(_layout.GroundTruthOcclusionsRoot, gap, sequence.Name, Stem(t)));
                for (int y = 0; y < forward.Height; y++)
                {
                    for (int x = 0; x < forward.Width; x++)
                    {
                        if (!seen[x, y])
                        {
                            continue;
                        }

                        visible++;
                        (double u, double v) = Sampling.Flow(backward, x + forward.U(x, y), y + forward.V(x, y));
                        if (Math.Abs(forward.U(x, y) + u) + Math.Abs(forward.V(x, y) + v) <= 0.05)
                        {
                            consistent++;
                        }
                    }
                }
            }

            double fraction = consistent / (double)visible;
            _output.WriteLine($"{sequence.Name} gap ±{gap}: {fraction:P2} of {visible} visible pixels consistent");
            Assert.True(fraction >= 0.97, $"{sequence.Name} gap ±{gap}: only {fraction:P2} consistent");
        }
    }

    [Fact]
    public void Visibility_marks_where_the_occluder_covers_the_main_object()
    {
        SyntheticSequenceInfo sequence = Find(SyntheticSceneKind.FastOcclusion);
        long occluded = 0;
        long occludedOnBackground = 0;
        long visibleMain = 0;
        long visibleOnMain = 0;
        for (int t = 0; t + 1 < sequence.Frames; t++)
        {
            BinaryMask main = ReadMask(sequence.Name, t);
            BinaryMask next = ReadMask(sequence.Name, t + 1);
            FlowField flow = FloFormat.Read(DatasetLayout.FlowPath(_layout.GroundTruthFlowsRoot, 1, sequence.Name, Stem(t)));
            BinaryMask seen = ImageCodec.ReadMask(DatasetLayout.OcclusionPath(_layout.GroundTruthOcclusionsRoot, 1, sequence.Name, Stem(t)));
            for (int y = 0; y < main.Height; y++)
            {
                for (int x = 0; x < main.Width; x++)
                {
                    double tx = x + flow.U(x, y);
                    double ty = y + flow.V(x, y);
                    if (!main[x, y] || !Sampling.Inside(flow, tx, ty))
                    {
                        continue;
                    }

                    bool landsOnMain = next[(int)Math.Round(tx), (int)Math.Round(ty)];
                    if (seen[x, y])
                    {
                        visibleMain++;
                        visibleOnMain += landsOnMain ? 1 : 0;
                    }
                    else
                    {
                        occluded++;
                        occludedOnBackground += landsOnMain ? 0 : 1;
                    }
                }
            }
        }

        _output.WriteLine($"occluded main pixels {occluded} ({occludedOnBackground} land off the next mask); visible {visibleMain} ({visibleOnMain} land on it)");
        Assert.True(occluded >= 20, $"the occluder should hide part of the main object, found {occluded} occluded pixels");
        Assert.True(occludedOnBackground >= 0.9 * occluded);
        Assert.True(visibleOnMain >= 0.97 * visibleMain);
    }

    [Fact]
    public void Masks_show_exactly_the_main_object_and_leave_holes_where_it_is_occluded()
    {
        SyntheticSequenceInfo sequence = Find(SyntheticSceneKind.FastOcclusion);
        SyntheticScene scene = SceneFactory.Create(sequence.Name, sequence.Kind, 0, sequence.Seed, SyntheticSuiteFixture.Options);
        SyntheticScene unoccluded = scene with { Layers = [scene.Layers[scene.MainLayerIndex]], MainLayerIndex = 0 };
        int framesWithHoles = 0;
        for (int t = 0; t < sequence.Frames; t++)
        {
            BinaryMask written = ReadMask(sequence.Name, t);
            Assert.Equal(SceneRenderer.Render(scene, t).Mask.Data, written.Data);
            BinaryMask whole = SceneRenderer.Render(unoccluded, t).Mask;
            for (int i = 0; i < whole.Data.Length; i++)
            {
                Assert.True(whole.Data[i] >= written.Data[i], "the visible mask must lie inside the whole object");
            }

            framesWithHoles += whole.CountForeground() > written.CountForeground() ? 1 : 0;
        }

        Assert.True(framesWithHoles > 0, "the occluder should cut into the main object's mask in some frame");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Masks_exclude_the_attached_shadow_or_reflection(int variant)
    {
        var options = SyntheticSuiteFixture.Options;
        SyntheticScene scene = SceneFactory.Create("effect", SyntheticSceneKind.AttachedEffect, variant, 1234 + variant, options);
        SyntheticScene plain = scene with { Effects = [] };
        Assert.NotEmpty(scene.Effects);
        long affected = 0;
        for (int t = 0; t < scene.FrameCount; t += 3)
        {
            FrameRender withEffect = SceneRenderer.Render(scene, t);
            FrameRender without = SceneRenderer.Render(plain, t);
            Assert.Equal(without.Mask.Data, withEffect.Mask.Data);
            for (int i = 0; i < withEffect.Mask.Data.Length; i++)
            {
                bool changed = withEffect.Image.Rgb[3 * i] != without.Image.Rgb[3 * i] || withEffect.Image.Rgb[(3 * i) + 1] != without.Image.Rgb[(3 * i) + 1] || withEffect.Image.Rgb[(3 * i) + 2] != without.Image.Rgb[(3 * i) + 2];
                if (changed)
                {
                    affected++;
                    Assert.Equal(0, withEffect.Mask.Data[i]);
                }
            }
        }

        Assert.True(affected > 500, $"the {(variant == 0 ? "shadow" : "reflection")} should change a visible region, changed {affected} pixels");
    }

    [Fact]
    public void The_stop_and_go_object_is_still_in_the_world_during_its_stop()
    {
        SyntheticSequenceInfo sequence = Find(SyntheticSceneKind.StopAndGo);
        SyntheticScene scene = SceneFactory.Create(sequence.Name, sequence.Kind, 0, sequence.Seed, SyntheticSuiteFixture.Options);
        ObjectTrajectory motion = scene.Layers[scene.MainLayerIndex].Trajectory;
        Assert.True(motion.StopEnd > motion.StopStart);
        Assert.Equal(motion.PoseAt(motion.StopStart), motion.PoseAt((motion.StopStart + motion.StopEnd) / 2));
        Assert.NotEqual(motion.PoseAt(0), motion.PoseAt(motion.StopStart));
        Assert.NotEqual(motion.PoseAt(motion.StopEnd), motion.PoseAt(motion.StopEnd + 3));
    }

    private static double MaxDifference(RgbImage image, int x, int y, ReadOnlySpan<double> sample)
    {
        int i = 3 * ((y * image.Width) + x);
        return Math.Max(Math.Abs(image.Rgb[i] - sample[0]), Math.Max(Math.Abs(image.Rgb[i + 1] - sample[1]), Math.Abs(image.Rgb[i + 2] - sample[2])));
    }

    private static string Stem(int t) => t.ToString("D5");

    private SyntheticSequenceInfo Find(SyntheticSceneKind kind)
    {
        foreach (SyntheticSequenceInfo sequence in _suite.Manifest.Sequences)
        {
            if (sequence.Kind == kind)
            {
                return sequence;
            }
        }

        throw new InvalidOperationException($"the suite has no {kind} sequence");
    }

    private RgbImage ReadFrame(string sequence, int t) => ImageCodec.ReadRgb(Path.Combine(_layout.FramesRoot, sequence, Stem(t) + ".png"));

    private BinaryMask ReadMask(string sequence, int t) => ImageCodec.ReadMask(_layout.AnnotationPath(sequence, Stem(t)));
}
