using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using VideoSeg.Core.Pipeline;
using VideoSeg.Data.Acquisition;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Data.Tests.Acquisition;

public sealed class DatasetAcquirerSegTrackV2Tests
{
    private const string ArchiveRoute = "/SegTrackv2.zip";

    [Fact]
    public async Task Acquire_ConvertsFramesByStem_RenumbersThem_AndMergesObjects()
    {
        using var temp = new TempDirectory();
        await using var server = new LoopbackHttpServer();
        byte[] zip = FixtureArchives.SegTrackV2();
        server.Map(ArchiveRoute, zip);
        using HttpMessageHandler handler = AcquisitionTestSettings.DirectHandler();
        var progress = new RecordingProgress<AcquisitionProgress>();

        AcquisitionResult result = await new DatasetAcquirer(handler).AcquireAsync(
            "segtrackv2", temp.Path, AcquisitionTestSettings.From(server, ArchiveRoute), progress);

        var layout = new DatasetLayout(result.DatasetRoot);
        Assert.Equal(["bmx", "birdfall"], layout.ReadSequences());
        Assert.Equal(["00000.png", "00001.png", "00002.jpg"], layout.FramePaths("bmx").Select(Path.GetFileName));
        Assert.Equal(FixtureArchives.SegTrackFrameRgb(0), ReadRgb(layout.FramePaths("bmx")[0]));
        Assert.Equal(FixtureArchives.SegTrackFrameRgb(1), ReadRgb(layout.FramePaths("bmx")[1]));
        Assert.Equal(FixtureArchives.BmxJpeg, File.ReadAllBytes(layout.FramePaths("bmx")[2]));
        Assert.Equal(["00000.png", "00001.png"], layout.FramePaths("birdfall").Select(Path.GetFileName));

        for (int f = 0; f < 3; f++)
        {
            byte[] mask = ReadMask(layout.AnnotationPath("bmx", $"{f:D5}"));
            for (int i = 0; i < mask.Length; i++)
            {
                int x = i % FixtureArchives.Width, y = i / FixtureArchives.Width;
                (byte r, byte g, byte b) = FixtureArchives.BmxObject2(f, x, y);
                bool object2 = f < 2 && Math.Max(r, Math.Max(g, b)) > 0;
                bool expected = FixtureArchives.BmxObject1(f, x, y) > 0 || object2;
                Assert.True(expected == (mask[i] == 255), $"bmx frame {f} pixel ({x},{y}): expected {(expected ? 255 : 0)}, got {mask[i]}");
                Assert.True(mask[i] is 0 or 255);
            }

            // Object 1 at 255 plus object 2 at 1 wraps to 0 in a uint8 sum; the merge must keep it foreground.
            Assert.Equal(255, mask[mask.Length - 1]);
        }

        Assert.Equal(255, ReadMask(layout.AnnotationPath("bmx", "00000"))[(FixtureArchives.Height - 1) * FixtureArchives.Width]);
        for (int f = 0; f < 2; f++)
        {
            Assert.Equal(FixtureArchives.BirdfallMask(f).Select(v => v > 0 ? (byte)255 : (byte)0), ReadMask(layout.AnnotationPath("birdfall", $"{f:D5}")));
        }

        string[] frameMap = File.ReadAllLines(Path.Combine(result.DatasetRoot, "ImageSets", "frames.tsv"));
        Assert.Equal("sequence\tframe\tsource", frameMap[0]);
        Assert.Contains("bmx\t00001\tSegTrackv2/JPEGImages/bmx/bmx_06669.bmp", frameMap);
        Assert.Contains("birdfall\t00001\tSegTrackv2/JPEGImages/birdfall/birdfall2_00019.png", frameMap);
        Assert.Equal(6, frameMap.Length);
        Assert.DoesNotContain(Directory.EnumerateFiles(result.DatasetRoot, "*", SearchOption.AllDirectories), f => f.Contains("CSI_NY", StringComparison.Ordinal));

        Assert.Equal([new AcquiredSequence("bmx", 3, 36, 2), new AcquiredSequence("birdfall", 2, 30, 1)], result.Sequences);
        Assert.False(result.ArchiveChecksumVerified);
        Assert.Contains(result.Warnings, w => w.Contains("no published checksum", StringComparison.Ordinal) && w.Contains(FixtureArchives.Sha256(zip), StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.Contains("'bmx' lacks 1 object mask(s)", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.Contains("lacks 12 published sequence(s)", StringComparison.Ordinal));
        Assert.Contains(progress.Reports, r => r.Kind == AcquisitionEventKind.Info && r.Message.Contains("birdfall: skipped 1 ground-truth file(s) matching no frame: 0000000000.png", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Acquire_ArchiveWithoutChecksum_IsReusedFromTheCacheWhileUnchanged()
    {
        using var temp = new TempDirectory();
        await using var server = new LoopbackHttpServer();
        byte[] zip = FixtureArchives.SegTrackV2();
        server.Map(ArchiveRoute, zip);
        using HttpMessageHandler handler = AcquisitionTestSettings.DirectHandler();
        var acquirer = new DatasetAcquirer(handler);
        AcquireOptions options = AcquisitionTestSettings.From(server, ArchiveRoute);

        AcquisitionResult first = await acquirer.AcquireAsync("segtrackv2", temp.Path, options);
        Directory.Delete(first.DatasetRoot, recursive: true);
        AcquisitionResult second = await acquirer.AcquireAsync("segtrackv2", temp.Path, options);

        Assert.Equal(1, server.Hits(ArchiveRoute));
        Assert.False(second.Downloaded);
        Assert.Equal(first.ArchiveSha256, second.ArchiveSha256);
        Assert.Equal(first.ContentSha256, second.ContentSha256);
    }

    [Fact]
    public async Task Acquire_SplitOtherThanAll_IsRejected()
    {
        using var temp = new TempDirectory();
        string archive = temp.Combine("SegTrackv2.zip");
        File.WriteAllBytes(archive, FixtureArchives.SegTrackV2());

        var error = await Assert.ThrowsAsync<VideoSeg.Core.VideoSegException>(() => new DatasetAcquirer().AcquireAsync(
            "segtrackv2", temp.Path, new AcquireOptions { ArchivePath = archive, Splits = ["val"] }));

        Assert.Equal(VideoSeg.Core.ErrorCodes.InvalidArgument, error.Code);
    }

    private static byte[] ReadMask(string path)
    {
        (int width, int height, int channels, byte[] pixels) = TestPngReader.Read(path);
        Assert.Equal((FixtureArchives.Width, FixtureArchives.Height, 1), (width, height, channels));
        return pixels;
    }

    private static byte[] ReadRgb(string path)
    {
        (int width, int height, int channels, byte[] pixels) = TestPngReader.Read(path);
        Assert.Equal((FixtureArchives.Width, FixtureArchives.Height, 3), (width, height, channels));
        return pixels;
    }
}
