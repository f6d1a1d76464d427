using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using VideoSeg.Core;
using VideoSeg.Core.Pipeline;
using VideoSeg.Data.Acquisition;
using VideoSeg.TestUtilities;
using Xunit;
using Xunit.Abstractions;

namespace VideoSeg.Data.Tests.Acquisition;

public sealed class DatasetAcquirerDavisTests
{
    private const string ArchiveRoute = "/DAVIS-data.zip";

    private readonly ITestOutputHelper _output;

    public DatasetAcquirerDavisTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task Acquire_DownloadsAndConvertsTheValSplitIntoTheLayout()
    {
        using var temp = new TempDirectory();
        await using var server = new LoopbackHttpServer();
        byte[] zip = FixtureArchives.Davis();
        server.Map(ArchiveRoute, zip);
        using HttpMessageHandler handler = AcquisitionTestSettings.DirectHandler();
        var progress = new RecordingProgress<AcquisitionProgress>();

        AcquisitionResult result = await new DatasetAcquirer(handler).AcquireAsync(
            "davis2016", temp.Path, AcquisitionTestSettings.From(server, ArchiveRoute, FixtureArchives.Sha256(zip)), progress);

        string root = temp.Combine("davis2016");
        var layout = new DatasetLayout(root);
        Assert.Equal(root, result.DatasetRoot);
        Assert.Equal(FixtureArchives.DavisValSequences, layout.ReadSequences());
        Assert.Equal("blackswan\ncamel\n", File.ReadAllText(layout.SequenceListPath));
        for (int s = 0; s < FixtureArchives.DavisValSequences.Length; s++)
        {
            string sequence = FixtureArchives.DavisValSequences[s];
            Assert.Equal(["00000.jpg", "00001.jpg", "00002.jpg"], layout.FramePaths(sequence).Select(Path.GetFileName));
            for (int f = 0; f < 3; f++)
            {
                Assert.Equal(FixtureArchives.DavisFrame(sequence, f), File.ReadAllBytes(layout.FramePaths(sequence)[f]));
                (int width, int height, int channels, byte[] mask) = TestPngReader.Read(layout.AnnotationPath(sequence, $"{f:D5}"));
                Assert.Equal((FixtureArchives.Width, FixtureArchives.Height, 1), (width, height, channels));
                for (int i = 0; i < mask.Length; i++)
                {
                    byte expected = FixtureArchives.DavisMaskValue(s, f, i % width, i / width) > 0 ? (byte)255 : (byte)0;
                    Assert.Equal(expected, mask[i]);
                }
            }
        }

        Assert.False(Directory.Exists(Path.Combine(root, "JPEGImages", "1080p")));
        Assert.False(Directory.Exists(Path.Combine(layout.FramesRoot, "bear")));
        Assert.False(Directory.Exists(root + DatasetAcquirer.PartialSuffix));
        Assert.True(File.Exists(Path.Combine(root, DatasetAcquirer.MarkerFileName)));
        Assert.True(File.Exists(temp.Combine(".cache", "DAVIS-data.zip")));

        Assert.Equal(6, result.TotalFrames);
        Assert.Equal([3, 3], result.Sequences.Select(s => s.FrameCount));
        Assert.Equal([50, 90], result.Sequences.Select(s => s.PublishedFrameCount));
        Assert.True(result.Downloaded);
        Assert.True(result.ArchiveChecksumVerified);
        Assert.Equal(FixtureArchives.Sha256(zip), result.ArchiveSha256);
        Assert.Matches("^[0-9a-f]{64}$", result.ContentSha256);
        Assert.Contains(result.Warnings, w => w.Contains("'blackswan' has 3 frames in the archive, but 50 were published", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.Contains("lacks 18 published sequence(s)", StringComparison.Ordinal));
        Assert.Contains(progress.Reports, r => r.Kind == AcquisitionEventKind.Download && r.Download!.Value.BytesReceived == zip.Length && r.Download.Value.TotalBytes == zip.Length);
        Assert.Contains(progress.Reports, r => r.Kind == AcquisitionEventKind.Info && r.Message == "camel: 3 frames, 1 object(s)");
        Assert.Equal(1, server.Hits(ArchiveRoute));
    }

    [Fact]
    public async Task Acquire_TwoSplits_ListsTheirSequencesSplitBySplit()
    {
        using var temp = new TempDirectory();
        string archive = temp.Combine("DAVIS-data.zip");
        byte[] zip = FixtureArchives.Davis();
        File.WriteAllBytes(archive, zip);

        AcquisitionResult result = await new DatasetAcquirer().AcquireAsync(
            "davis2016", temp.Path, new AcquireOptions { ArchivePath = archive, Sha256 = FixtureArchives.Sha256(zip), Splits = ["train", "val"] });

        Assert.Equal(["bear", "blackswan", "camel"], new DatasetLayout(result.DatasetRoot).ReadSequences());
        Assert.Equal(8, result.TotalFrames);
        Assert.False(result.Downloaded);
    }

    [Fact]
    public async Task Acquire_CatalogueMd5Mismatch_FailsAndLeavesNoFile()
    {
        using var temp = new TempDirectory();
        await using var server = new LoopbackHttpServer();
        byte[] zip = FixtureArchives.Davis();
        server.Map(ArchiveRoute, zip);
        using HttpMessageHandler handler = AcquisitionTestSettings.DirectHandler();

        var error = await Assert.ThrowsAsync<VideoSegException>(() => new DatasetAcquirer(handler).AcquireAsync(
            "davis2016", temp.Path, AcquisitionTestSettings.From(server, ArchiveRoute)));

        Assert.Equal(ErrorCodes.ChecksumMismatch, error.Code);
        Assert.Contains(server.Url(ArchiveRoute).ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains($"MD5 expected {DatasetCatalog.Davis2016.Md5}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"actual {FixtureArchives.Md5(zip)}", error.Message, StringComparison.Ordinal);
        string cached = temp.Combine(".cache", "DAVIS-data.zip");
        Assert.Equal(cached, error.Path);
        Assert.False(File.Exists(cached));
        Assert.False(File.Exists(cached + DatasetDownloader.TemporarySuffix));
        Assert.False(Directory.Exists(temp.Combine("davis2016")));
        Assert.False(Directory.Exists(temp.Combine("davis2016" + DatasetAcquirer.PartialSuffix)));
        Assert.Equal(1, server.Hits(ArchiveRoute));
    }

    [Fact]
    public async Task Acquire_ArchiveAlreadyCached_IsNotDownloadedAgain_AndACompleteFolderIsReused()
    {
        using var temp = new TempDirectory();
        await using var server = new LoopbackHttpServer();
        byte[] zip = FixtureArchives.Davis();
        server.Map(ArchiveRoute, zip);
        using HttpMessageHandler handler = AcquisitionTestSettings.DirectHandler();
        var acquirer = new DatasetAcquirer(handler);
        AcquireOptions options = AcquisitionTestSettings.From(server, ArchiveRoute, FixtureArchives.Sha256(zip));

        AcquisitionResult first = await acquirer.AcquireAsync("davis2016", temp.Path, options);
        Directory.Delete(first.DatasetRoot, recursive: true);
        AcquisitionResult second = await acquirer.AcquireAsync("davis2016", temp.Path, options);
        AcquisitionResult third = await acquirer.AcquireAsync("davis2016", temp.Path, options);

        Assert.Equal(1, server.Hits(ArchiveRoute));
        Assert.True(first.Downloaded);
        Assert.False(second.Downloaded);
        Assert.False(second.Reused);
        Assert.True(third.Reused);
        Assert.Equal(first.ContentSha256, second.ContentSha256);
        Assert.Equal(first.ContentSha256, third.ContentSha256);
        Assert.Equal(first.Sequences, third.Sequences);
    }

    [Fact]
    public async Task Acquire_AfterAnInterruptedConversion_DiscardsThePartialFolder()
    {
        using var temp = new TempDirectory();
        string archive = temp.Combine("DAVIS-data.zip");
        byte[] zip = FixtureArchives.Davis();
        File.WriteAllBytes(archive, zip);
        string partial = temp.Combine("davis2016" + DatasetAcquirer.PartialSuffix);
        Directory.CreateDirectory(Path.Combine(partial, "JPEGImages", "480p", "stale"));
        File.WriteAllText(Path.Combine(partial, "JPEGImages", "480p", "stale", "00000.jpg"), "half-written");
        File.WriteAllText(Path.Combine(partial, DatasetAcquirer.PartialMarkerFileName), string.Empty);

        AcquisitionResult result = await new DatasetAcquirer().AcquireAsync(
            "davis2016", temp.Path, new AcquireOptions { ArchivePath = archive, Sha256 = FixtureArchives.Sha256(zip) });

        Assert.False(Directory.Exists(partial));
        Assert.Equal(FixtureArchives.DavisValSequences, Directory.GetDirectories(new DatasetLayout(result.DatasetRoot).FramesRoot).Select(Path.GetFileName).Order());
        Assert.False(File.Exists(Path.Combine(result.DatasetRoot, DatasetAcquirer.PartialMarkerFileName)));
    }

    [Fact]
    public async Task Acquire_IsDeterministic_TwoConversionsHaveTheSameContentHash()
    {
        using var temp = new TempDirectory();
        string archive = temp.Combine("DAVIS-data.zip");
        byte[] zip = FixtureArchives.Davis();
        File.WriteAllBytes(archive, zip);
        var options = new AcquireOptions { ArchivePath = archive, Sha256 = FixtureArchives.Sha256(zip) };

        AcquisitionResult a = await new DatasetAcquirer().AcquireAsync("davis2016", temp.Path, options with { FolderName = "a" });
        AcquisitionResult b = await new DatasetAcquirer().AcquireAsync("davis2016", temp.Path, options with { FolderName = "b" });

        Assert.Equal(a.ContentSha256, b.ContentSha256);
    }

    [Fact]
    public async Task Acquire_WarningsAreCanonicalLinesWithOneWarningPrefixAndTheFileConcerned()
    {
        using var temp = new TempDirectory();
        string archive = temp.Combine("DAVIS-data.zip");
        File.WriteAllBytes(archive, FixtureArchives.Davis());
        var progress = new RecordingProgress<AcquisitionProgress>();

        AcquisitionResult result = await new DatasetAcquirer().AcquireAsync(
            "davis2016", temp.Path, new AcquireOptions { ArchivePath = archive, SkipChecksum = true }, progress);

        Assert.NotEmpty(result.Warnings);
        foreach (string line in result.Warnings)
        {
            Assert.Matches(@"^\S.*: warning VSEG\d{4}: ", line);
            Assert.Equal(line.IndexOf("warning VSEG", StringComparison.Ordinal), line.LastIndexOf("warning VSEG", StringComparison.Ordinal));
        }

        VideoSegWarning[] reported = progress.Reports.Where(r => r.Kind == AcquisitionEventKind.Warning).Select(r => r.Warning!).ToArray();
        Assert.Equal(result.Warnings, reported.Select(w => w.ToDiagnosticString()));
        Assert.Contains(reported, w => w.Code == ErrorCodes.ChecksumMismatch && w.Path == archive && w.Message.Contains("not checked", StringComparison.Ordinal));
        string blackswan = Path.Combine(temp.Path, "davis2016", "JPEGImages", "480p", "blackswan");
        Assert.Contains(reported, w => w.Code == ErrorCodes.DatasetWarning && w.Path == blackswan && w.Message.Contains("50 were published", StringComparison.Ordinal));
        Assert.Equal(result.Warnings, DatasetAcquirer.ReadMarker(result.DatasetRoot)!.Warnings);
    }

    [Fact]
    public async Task Acquire_UnknownSplit_NamesTheListsTheArchiveHas()
    {
        using var temp = new TempDirectory();
        string archive = temp.Combine("DAVIS-data.zip");
        byte[] zip = FixtureArchives.Davis();
        File.WriteAllBytes(archive, zip);

        var error = await Assert.ThrowsAsync<VideoSegException>(() => new DatasetAcquirer().AcquireAsync(
            "davis2016", temp.Path, new AcquireOptions { ArchivePath = archive, SkipChecksum = true, Splits = ["test-dev"] }));

        Assert.Equal(ErrorCodes.BadLayout, error.Code);
        Assert.Contains("ImageSets/480p/test-dev.txt", error.Message, StringComparison.Ordinal);
        Assert.Contains("DAVIS/ImageSets/480p/val.txt", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Combine("davis2016")));
        Assert.False(Directory.Exists(temp.Combine("davis2016" + DatasetAcquirer.PartialSuffix)));
    }

    [SkippableFact]
    public async Task Acquire_RealDavisSequence_KeepsFramesAndThresholdsEveryMask()
    {
        string source = SharedData.RequirePath("davis2016-car-shadow");
        string frames = Path.Combine(source, "JPEGImages", "480p", "car-shadow");
        string masks = Path.Combine(source, "Annotations", "480p", "car-shadow");
        string[] stems = Directory.GetFiles(masks, "*.png").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal).ToArray();
        using var temp = new TempDirectory();
        var entries = new System.Collections.Generic.List<(string Name, byte[] Data)>();
        var list = new System.Text.StringBuilder();
        foreach (string stem in stems)
        {
            entries.Add(($"DAVIS/JPEGImages/480p/car-shadow/{stem}.jpg", File.ReadAllBytes(Path.Combine(frames, stem + ".jpg"))));
            entries.Add(($"DAVIS/Annotations/480p/car-shadow/{stem}.png", File.ReadAllBytes(Path.Combine(masks, stem + ".png"))));
            list.Append($"/JPEGImages/480p/car-shadow/{stem}.jpg /Annotations/480p/car-shadow/{stem}.png \n");
        }

        entries.Add(("DAVIS/ImageSets/480p/val.txt", FixtureArchives.Text(list.ToString())));
        string archive = temp.Combine("DAVIS-data.zip");
        File.WriteAllBytes(archive, FixtureArchives.Zip(entries));

        var clock = System.Diagnostics.Stopwatch.StartNew();
        AcquisitionResult result = await new DatasetAcquirer().AcquireAsync("davis2016", temp.Path, new AcquireOptions { ArchivePath = archive, SkipChecksum = true });
        _output.WriteLine($"converted {result.TotalFrames} real 854x480 frames and masks in {clock.ElapsedMilliseconds} ms");

        var layout = new DatasetLayout(result.DatasetRoot);
        Assert.Equal(stems.Length, result.TotalFrames);
        for (int f = 0; f < stems.Length; f++)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(frames, stems[f] + ".jpg")), File.ReadAllBytes(layout.FramePaths("car-shadow")[f]));
            (int width, int height, int channels, byte[] original) = TestPngReader.Read(Path.Combine(masks, stems[f] + ".png"));
            (int outWidth, int outHeight, int outChannels, byte[] converted) = TestPngReader.Read(layout.AnnotationPath("car-shadow", stems[f]));
            Assert.Equal((854, 480, 1), (outWidth, outHeight, outChannels));
            Assert.Equal((854, 480, 1), (width, height, channels));
            Assert.Equal(original.Select(v => v > 0 ? (byte)255 : (byte)0), converted);
            Assert.InRange(converted.Count(v => v == 255) / (double)converted.Length, 0.01, 0.5);
        }

        bool complete = stems.Length == 40;
        Assert.Equal(complete, !result.Warnings.Any(w => w.Contains("'car-shadow' has", StringComparison.Ordinal)));
    }
}
