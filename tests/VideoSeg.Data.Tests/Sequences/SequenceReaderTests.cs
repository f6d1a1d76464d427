using System;
using System.IO;
using VideoSeg.Core;
using VideoSeg.Core.Imaging;
using VideoSeg.Core.Pipeline;
using VideoSeg.Data.Imaging;
using VideoSeg.Data.Sequences;
using VideoSeg.Data.Tests.Imaging;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Data.Tests.Sequences;

public sealed class SequenceReaderTests
{
    private const string Sequence = "walk";

    [Fact]
    public void Opens_a_valid_sequence_and_reads_frames_and_masks_in_order()
    {
        using var temp = new TempDirectory();
        DatasetLayout layout = WriteSequence(temp.Path, frames: 6, width: 20, height: 12);

        VideoSequence sequence = SequenceReader.Open(layout, Sequence, requireAnnotations: true);

        Assert.Equal(Sequence, sequence.Name);
        Assert.Equal(6, sequence.Count);
        Assert.Equal(["00000", "00001", "00002", "00003", "00004", "00005"], sequence.FrameStems);
        Assert.Equal(20, sequence.Width);
        Assert.Equal(12, sequence.Height);
        Assert.True(sequence.IsFullyAnnotated);
        var frames = SequenceReader.ReadFrames(sequence);
        var masks = SequenceReader.ReadMasks(sequence);
        for (int i = 0; i < 6; i++)
        {
            Assert.Equal(Frame(i, 20, 12).Rgb, frames[i].Rgb);
            Assert.Equal(Mask(i, 20, 12).Data, masks[i].Data);
        }
    }

    [Fact]
    public void A_gap_in_the_numbering_is_a_missing_frame_named_by_its_path()
    {
        using var temp = new TempDirectory();
        DatasetLayout layout = WriteSequence(temp.Path, frames: 5, width: 8, height: 8);
        string removed = Path.Combine(layout.FramesRoot, Sequence, "00002.png");
        File.Delete(removed);

        var error = Assert.Throws<VideoSegException>(() => SequenceReader.Open(layout, Sequence));

        Assert.Equal(ErrorCodes.MissingFile, error.Code);
        Assert.Equal(removed, error.Path);
        Assert.Contains("00002", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_annotation_without_its_frame_is_a_missing_frame()
    {
        using var temp = new TempDirectory();
        DatasetLayout layout = WriteSequence(temp.Path, frames: 5, width: 8, height: 8);
        string removed = Path.Combine(layout.FramesRoot, Sequence, "00004.png");
        File.Delete(removed);

        var error = Assert.Throws<VideoSegException>(() => SequenceReader.Open(layout, Sequence));

        Assert.Equal(ErrorCodes.MissingFile, error.Code);
        Assert.Equal(removed, error.Path);
    }

    [Fact]
    public void A_missing_sequence_folder_is_reported()
    {
        using var temp = new TempDirectory();
        DatasetLayout layout = WriteSequence(temp.Path, frames: 3, width: 8, height: 8);

        Assert.Equal(ErrorCodes.MissingFile, Assert.Throws<VideoSegException>(() => SequenceReader.Open(layout, "absent")).Code);
    }

    [Fact]
    public void A_missing_annotation_is_null_when_allowed_and_an_error_when_read_or_required()
    {
        using var temp = new TempDirectory();
        DatasetLayout layout = WriteSequence(temp.Path, frames: 4, width: 8, height: 8);
        string removed = layout.AnnotationPath(Sequence, "00001");
        File.Delete(removed);

        VideoSequence sequence = SequenceReader.Open(layout, Sequence);
        Assert.Null(sequence.AnnotationPaths[1]);
        Assert.False(sequence.IsFullyAnnotated);
        Assert.Equal(ErrorCodes.MissingFile, Assert.Throws<VideoSegException>(() => SequenceReader.ReadMasks(sequence)).Code);

        var error = Assert.Throws<VideoSegException>(() => SequenceReader.Open(layout, Sequence, requireAnnotations: true));
        Assert.Equal(ErrorCodes.MissingFile, error.Code);
        Assert.Equal(removed, error.Path);
    }

    [Fact]
    public void A_mask_of_another_size_than_its_frame_is_a_size_mismatch()
    {
        using var temp = new TempDirectory();
        DatasetLayout layout = WriteSequence(temp.Path, frames: 4, width: 10, height: 6);
        string annotation = layout.AnnotationPath(Sequence, "00002");
        ImageCodec.WriteMaskPng(annotation, new BinaryMask(9, 6));

        var error = Assert.Throws<VideoSegException>(() => SequenceReader.Open(layout, Sequence));

        Assert.Equal(ErrorCodes.SizeMismatch, error.Code);
        Assert.Equal(annotation, error.Path);
        Assert.Contains("9×6", error.Message, StringComparison.Ordinal);
        Assert.Contains("10×6", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Frames_of_different_sizes_are_a_size_mismatch()
    {
        using var temp = new TempDirectory();
        DatasetLayout layout = WriteSequence(temp.Path, frames: 4, width: 10, height: 6);
        string frame = Path.Combine(layout.FramesRoot, Sequence, "00003.png");
        ImageCodec.WriteRgbPng(frame, ImageCodecTests.RandomImage(10, 7, seed: 9));

        var error = Assert.Throws<VideoSegException>(() => SequenceReader.Open(layout, Sequence));

        Assert.Equal(ErrorCodes.SizeMismatch, error.Code);
        Assert.Equal(frame, error.Path);
    }

    [Fact]
    public void A_garbage_frame_fails_at_open_and_a_truncated_one_when_decoded()
    {
        using var temp = new TempDirectory();
        DatasetLayout layout = WriteSequence(temp.Path, frames: 4, width: 64, height: 64);
        string frame = Path.Combine(layout.FramesRoot, Sequence, "00001.png");
        byte[] full = File.ReadAllBytes(frame);
        File.WriteAllBytes(frame, full.AsSpan(0, full.Length - 200).ToArray());

        VideoSequence sequence = SequenceReader.Open(layout, Sequence);
        var truncated = Assert.Throws<VideoSegException>(() => SequenceReader.ReadFrames(sequence));
        Assert.Equal(ErrorCodes.CorruptImage, truncated.Code);
        Assert.Equal(frame, truncated.Path);

        File.WriteAllText(frame, "not an image at all");
        var garbage = Assert.Throws<VideoSegException>(() => SequenceReader.Open(layout, Sequence));
        Assert.Equal(ErrorCodes.CorruptImage, garbage.Code);
        Assert.Equal(frame, garbage.Path);
    }

    [Fact]
    public void Frames_not_named_by_number_are_a_bad_layout()
    {
        using var temp = new TempDirectory();
        DatasetLayout layout = WriteSequence(temp.Path, frames: 2, width: 8, height: 8);
        ImageCodec.WriteRgbPng(Path.Combine(layout.FramesRoot, Sequence, "cover.png"), Frame(0, 8, 8));

        Assert.Equal(ErrorCodes.BadLayout, Assert.Throws<VideoSegException>(() => SequenceReader.Open(layout, Sequence)).Code);
    }

    [SkippableFact]
    public void Reads_the_real_davis_car_shadow_sequence()
    {
        string root = SharedData.RequirePath("davis2016-car-shadow/JPEGImages/480p/car-shadow");
        var layout = new DatasetLayout(Path.GetFullPath(Path.Combine(root, "..", "..", "..")));

        VideoSequence sequence = SequenceReader.Open(layout, "car-shadow", requireAnnotations: true);
        var frames = SequenceReader.ReadFrames(sequence);
        var masks = SequenceReader.ReadMasks(sequence);

        Assert.Equal(40, sequence.Count);
        Assert.Equal("00000", sequence.FrameStems[0]);
        Assert.Equal("00039", sequence.FrameStems[^1]);
        Assert.Equal(854, sequence.Width);
        Assert.Equal(480, sequence.Height);
        Assert.All(frames, f => Assert.Equal((854, 480), (f.Width, f.Height)));
        Assert.All(masks, m =>
        {
            double fraction = m.CountForeground() / (double)m.Data.Length;
            Assert.InRange(fraction, 0.01, 0.5);
        });

        // Frame 0 is a daylight street scene: mid-range brightness with real contrast in every channel.
        RgbImage first = frames[0];
        for (int c = 0; c < 3; c++)
        {
            double mean = 0;
            double square = 0;
            int n = first.Width * first.Height;
            for (int i = 0; i < n; i++)
            {
                double v = first.Rgb[(3 * i) + c];
                mean += v;
                square += v * v;
            }

            mean /= n;
            double deviation = Math.Sqrt((square / n) - (mean * mean));
            Assert.InRange(mean, 40, 220);
            Assert.InRange(deviation, 15, 120);
        }
    }

    private static DatasetLayout WriteSequence(string root, int frames, int width, int height)
    {
        var layout = new DatasetLayout(root);
        for (int i = 0; i < frames; i++)
        {
            string stem = i.ToString("D5");
            ImageCodec.WriteRgbPng(Path.Combine(layout.FramesRoot, Sequence, stem + ".png"), Frame(i, width, height));
            ImageCodec.WriteMaskPng(layout.AnnotationPath(Sequence, stem), Mask(i, width, height));
        }

        return layout;
    }

    private static RgbImage Frame(int index, int width, int height) => ImageCodecTests.RandomImage(width, height, seed: 100 + index);

    private static BinaryMask Mask(int index, int width, int height)
    {
        var mask = new BinaryMask(width, height);
        for (int y = 0; y < height / 2; y++)
        {
            for (int x = index % width; x < width; x++)
            {
                mask[x, y] = true;
            }
        }

        return mask;
    }
}
