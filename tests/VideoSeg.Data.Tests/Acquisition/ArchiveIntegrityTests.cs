using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Threading.Tasks;
using VideoSeg.Core;
using VideoSeg.Data.Acquisition;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Data.Tests.Acquisition;

/// <summary>
/// Every archive entry is checked against the CRC-32 and size its central directory records before
/// any of it is written: a damaged entry fails the acquisition with one error, and nothing of it is kept.
/// </summary>
public sealed class ArchiveIntegrityTests
{
    private const string CamelFrame = "DAVIS/JPEGImages/480p/camel/00001.jpg";
    private const string CamelMask = "DAVIS/Annotations/480p/camel/00001.png";

    [Fact]
    public async Task AZipEntryWhoseCrcFailsIsRefusedAndNothingOfItIsKept()
    {
        using var temp = new TempDirectory();
        byte[] original = FixtureArchives.Davis(level: CompressionLevel.NoCompression);
        byte[] frame = FixtureArchives.DavisFrame("camel", 1);
        Assert.Equal(frame, ZipSurgery.Data(original, CamelFrame));

        // Byte 26 lies in the JPEG comment, so the damaged frame still parses as a JPEG of the right size.
        byte[] zip = ZipSurgery.FlipDataByte(original, CamelFrame, 26);
        byte[] damaged = ZipSurgery.Data(zip, CamelFrame);
        string archive = temp.Combine("DAVIS-data.zip");
        File.WriteAllBytes(archive, zip);
        string datasets = temp.Combine("datasets");

        var error = await Assert.ThrowsAsync<VideoSegException>(() => new DatasetAcquirer().AcquireAsync(
            "davis2016", datasets, new AcquireOptions { ArchivePath = archive, Sha256 = FixtureArchives.Sha256(zip) }));

        Assert.Equal(ErrorCodes.ChecksumMismatch, error.Code);
        Assert.Equal(archive, error.Path);
        Assert.Contains(archive, error.Message, StringComparison.Ordinal);
        Assert.Contains(CamelFrame, error.Message, StringComparison.Ordinal);
        Assert.Contains($"CRC-32 0x{ExpectedCrc(original, CamelFrame):x8}", error.Message, StringComparison.Ordinal);
        AssertNothingKept(temp, datasets, damaged);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(0.999)]
    public async Task ADeflatedZipEntryWithAFlippedByteIsRefusedAsOneErrorNamingIt(double where)
    {
        using var temp = new TempDirectory();
        byte[] original = FixtureArchives.Davis();
        int compressed = ZipSurgery.Data(original, CamelMask).Length;
        byte[] zip = ZipSurgery.FlipDataByte(original, CamelMask, (int)(where * (compressed - 1)));
        string archive = temp.Combine("DAVIS-data.zip");
        File.WriteAllBytes(archive, zip);
        string datasets = temp.Combine("datasets");

        var error = await Assert.ThrowsAsync<VideoSegException>(() => new DatasetAcquirer().AcquireAsync(
            "davis2016", datasets, new AcquireOptions { ArchivePath = archive, SkipChecksum = true }));

        Assert.Equal(ErrorCodes.ChecksumMismatch, error.Code);
        Assert.Equal(archive, error.Path);
        Assert.Contains(archive, error.Message, StringComparison.Ordinal);
        Assert.Contains(CamelMask, error.Message, StringComparison.Ordinal);
        AssertNothingKept(temp, datasets, damaged: null);
    }

    [Theory]
    [InlineData(+10)]
    [InlineData(-10)]
    public async Task AZipEntryWhoseSizeDiffersFromTheCentralDirectoryIsRefused(int declaredMinusActual)
    {
        using var temp = new TempDirectory();
        byte[] frame = FixtureArchives.DavisFrame("camel", 1);
        uint declared = (uint)(frame.Length + declaredMinusActual);
        byte[] zip = ZipSurgery.DeclareUncompressedSize(FixtureArchives.Davis(), CamelFrame, declared);
        string archive = temp.Combine("DAVIS-data.zip");
        File.WriteAllBytes(archive, zip);
        string datasets = temp.Combine("datasets");

        var error = await Assert.ThrowsAsync<VideoSegException>(() => new DatasetAcquirer().AcquireAsync(
            "davis2016", datasets, new AcquireOptions { ArchivePath = archive, SkipChecksum = true }));

        Assert.Equal(ErrorCodes.ChecksumMismatch, error.Code);
        Assert.Equal(archive, error.Path);
        Assert.Contains(CamelFrame, error.Message, StringComparison.Ordinal);
        Assert.Contains($"{declared} bytes", error.Message, StringComparison.Ordinal);
        AssertNothingKept(temp, datasets, damaged: null);
    }

    [Fact]
    public async Task AnIntactStoredArchiveIsConvertedAsBefore()
    {
        using var temp = new TempDirectory();
        byte[] zip = FixtureArchives.Davis(level: CompressionLevel.NoCompression);
        string archive = temp.Combine("DAVIS-data.zip");
        File.WriteAllBytes(archive, zip);

        AcquisitionResult result = await new DatasetAcquirer().AcquireAsync(
            "davis2016", temp.Path, new AcquireOptions { ArchivePath = archive, SkipChecksum = true });

        Assert.Equal(6, result.TotalFrames);
        Assert.Equal(FixtureArchives.DavisFrame("camel", 1), File.ReadAllBytes(Path.Combine(result.DatasetRoot, "JPEGImages", "480p", "camel", "00001.jpg")));
    }

    private static uint ExpectedCrc(byte[] zip, string entryName)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return archive.GetEntry(entryName)!.Crc32;
    }

    private static void AssertNothingKept(TempDirectory temp, string datasets, byte[]? damaged)
    {
        Assert.False(Directory.Exists(Path.Combine(datasets, "davis2016")));
        Assert.False(Directory.Exists(Path.Combine(datasets, "davis2016" + DatasetAcquirer.PartialSuffix)));
        if (damaged is not null)
        {
            string[] copies = Directory.EnumerateFiles(temp.Path, "*", SearchOption.AllDirectories)
                .Where(f => File.ReadAllBytes(f).AsSpan().SequenceEqual(damaged))
                .ToArray();
            Assert.Empty(copies);
        }
    }
}
