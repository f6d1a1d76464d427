using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using VideoSeg.Core.Imaging;
using VideoSeg.Core.IO;
using VideoSeg.Core.Pipeline;
using VideoSeg.Data.Imaging;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Cli.Tests.Commands;

/// <summary>
/// <c>videoseg acquire</c> against a loopback HTTP server that serves a DAVIS 2016 archive the test builds:
/// a verified download is converted into the layout, and a wrong checksum or a damaged entry leaves nothing behind.
/// Warnings are printed once each, in MSBuild's canonical form.
/// </summary>
public sealed class AcquireCommandTests
{
    [Fact]
    public async Task DownloadsVerifiesAndConvertsADavisArchive()
    {
        using var temp = new TempDirectory();
        byte[] archive = DavisArchive();
        using var server = new LoopbackServer(archive);
        string output = temp.Combine("datasets", "davis2016");

        ChildProcessResult result = await Task.Run(() => CliRunner.Run(
            "acquire", "--dataset", "davis2016", "--out", output, "--url", server.Url, "--sha256", Convert.ToHexStringLower(SHA256.HashData(archive))));

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        var layout = new DatasetLayout(output);
        Assert.Equal(["blackswan"], layout.ReadSequences());
        BinaryMask mask = ImageCodec.ReadMask(layout.AnnotationPath("blackswan", "00001"));
        Assert.Equal(24 * 16, mask.Data.Length);
        Assert.Equal(8 * 4, mask.CountForeground());
        Assert.Equal(1, server.Requests);

        ChildProcessResult again = await Task.Run(() => CliRunner.Run("acquire", "--dataset", "davis2016", "--out", output, "--url", server.Url));

        Assert.True(again.ExitCode == 0, again.Stdout + again.Stderr);
        Assert.Contains("already acquired", again.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task AWrongChecksumFailsWithoutLeavingADataset()
    {
        using var temp = new TempDirectory();
        using var server = new LoopbackServer(DavisArchive());
        string output = temp.Combine("datasets", "davis2016");

        ChildProcessResult result = await Task.Run(() => CliRunner.Run(
            "acquire", "--dataset", "davis2016", "--out", output, "--url", server.Url, "--sha256", new string('0', 64)));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error VSEG3002", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
        Assert.False(Directory.Exists(output + ".partial"));
    }

    [Fact]
    public async Task AZipEntryWhoseCrcFailsFailsTheAcquireWithOneErrorAndNoOutput()
    {
        using var temp = new TempDirectory();
        const string Entry = "DAVIS/Annotations/480p/blackswan/00001.png";
        string archive = temp.Combine("DAVIS-data.zip");
        File.WriteAllBytes(archive, FlipStoredByte(DavisArchive(CompressionLevel.NoCompression), Entry));
        string output = temp.Combine("datasets", "davis2016");

        ChildProcessResult result = await Task.Run(() => CliRunner.Run(
            "acquire", "--dataset", "davis2016", "--out", output, "--archive", archive, "--skip-checksum"));

        Assert.Equal(2, result.ExitCode);
        string error = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith($"{archive}: error VSEG3002: ", error, StringComparison.Ordinal);
        Assert.Contains(Entry, error, StringComparison.Ordinal);
        Assert.Contains("CRC-32", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
        Assert.False(Directory.Exists(output + ".partial"));
    }

    [Fact]
    public async Task WarningsArePrintedOnceInTheCanonicalFormatWithoutADoubledPrefix()
    {
        using var temp = new TempDirectory();
        string archive = temp.Combine("DAVIS-data.zip");
        File.WriteAllBytes(archive, DavisArchive());
        string output = temp.Combine("datasets", "davis2016");

        ChildProcessResult result = await Task.Run(() => CliRunner.Run(
            "acquire", "--dataset", "davis2016", "--out", output, "--archive", archive, "--skip-checksum"));

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        string[] warnings = result.Stdout.Split('\n', StringSplitOptions.TrimEntries).Where(l => l.Contains("warning VSEG", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(warnings);
        foreach (string line in warnings)
        {
            Assert.Matches(@"^\S.*: warning VSEG\d{4}: ", line);
            Assert.Equal(line.IndexOf("warning VSEG", StringComparison.Ordinal), line.LastIndexOf("warning VSEG", StringComparison.Ordinal));
        }

        string blackswan = Path.Combine(output, "JPEGImages", "480p", "blackswan");
        Assert.Equal($"{blackswan}: warning VSEG3003: sequence 'blackswan' has 2 frames in the archive, but 50 were published", Assert.Single(warnings, l => l.Contains("were published", StringComparison.Ordinal)));
        Assert.Contains(warnings, l => l.StartsWith($"{archive}: warning VSEG3002: ", StringComparison.Ordinal) && l.Contains("not checked", StringComparison.Ordinal));
        Assert.Equal(warnings.Length, warnings.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://127.0.0.1/DAVIS-data.zip")]
    [InlineData("DAVIS-data.zip")]
    public async Task AUrlThatIsNotAnHttpAddressIsOneErrorNotACrash(string url)
    {
        using var temp = new TempDirectory();
        string output = temp.Combine("datasets", "davis2016");

        ChildProcessResult result = await Task.Run(() => CliRunner.Run("acquire", "--dataset", "davis2016", "--out", output, "--url", url));

        Assert.Equal(2, result.ExitCode);
        string error = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("videoseg: error VSEG1001: ", error, StringComparison.Ordinal);
        Assert.Contains($"'{url}'", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public async Task ForceDoesNotReplaceAFolderVideoSegDidNotMake()
    {
        using var temp = new TempDirectory();
        string archive = temp.Combine("DAVIS-data.zip");
        File.WriteAllBytes(archive, DavisArchive());
        string output = temp.Combine("datasets", "davis2016");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "mine.txt"), "user data");

        ChildProcessResult result = await Task.Run(() => CliRunner.Run(
            "acquire", "--dataset", "davis2016", "--out", output, "--archive", archive, "--skip-checksum", "--force"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{output}: error VSEG4003: ", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("user data", File.ReadAllText(Path.Combine(output, "mine.txt")));
    }

    /// <summary>Inverts a byte in the middle of a stored entry's data, found through its local header.</summary>
    private static byte[] FlipStoredByte(byte[] zip, string entryName)
    {
        byte[] copy = (byte[])zip.Clone();
        byte[] name = Encoding.UTF8.GetBytes(entryName);

        // Local headers come before the central directory, so the first occurrence of the name is the local header's.
        int nameStart = copy.AsSpan().IndexOf(name);
        Assert.True(nameStart >= 30, $"no local header for '{entryName}'");
        Assert.Equal(0, BinaryPrimitives.ReadUInt16LittleEndian(copy.AsSpan(nameStart - 22)));
        int compressedSize = (int)BinaryPrimitives.ReadUInt32LittleEndian(copy.AsSpan(nameStart - 12));
        int extraLength = BinaryPrimitives.ReadUInt16LittleEndian(copy.AsSpan(nameStart - 2));
        copy[nameStart + name.Length + extraLength + (compressedSize / 2)] ^= 0xFF;
        return copy;
    }

    private static byte[] DavisArchive(CompressionLevel level = CompressionLevel.Optimal)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var list = new StringBuilder();
            for (int t = 0; t < 2; t++)
            {
                var frame = new RgbImage(24, 16, new byte[24 * 16 * 3]);
                var mask = new BinaryMask(24, 16);
                for (int y = 4; y < 8; y++)
                {
                    for (int x = 4 + t; x < 12 + t; x++)
                    {
                        mask[x, y] = true;
                    }
                }

                Add(zip, $"DAVIS/JPEGImages/480p/blackswan/{t:D5}.png", ImageCodec.EncodePng(frame), level);
                Add(zip, $"DAVIS/Annotations/480p/blackswan/{t:D5}.png", ImageCodec.EncodePng(mask), level);
                list.Append($"/JPEGImages/480p/blackswan/{t:D5}.png /Annotations/480p/blackswan/{t:D5}.png \n");
            }

            Add(zip, "DAVIS/ImageSets/480p/val.txt", Encoding.ASCII.GetBytes(list.ToString()), level);
        }

        return buffer.ToArray();
    }

    private static void Add(ZipArchive zip, string name, byte[] content, CompressionLevel level)
    {
        using Stream stream = zip.CreateEntry(name, level).Open();
        stream.Write(content);
    }

    /// <summary>Serves one file over HTTP on 127.0.0.1 and counts the requests.</summary>
    private sealed class LoopbackServer : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly byte[] _content;
        private readonly Task _loop;
        private int _requests;

        public LoopbackServer(byte[] content)
        {
            _content = content;
            int port = FreePort();
            Url = $"http://127.0.0.1:{port}/DAVIS-data.zip";
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            _listener.Start();
            _loop = Task.Run(ServeAsync);
        }

        public string Url { get; }

        public int Requests => Volatile.Read(ref _requests);

        public void Dispose()
        {
            _listener.Close();
            try
            {
                _loop.Wait(TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
                // The listener was closed under the loop.
            }
        }

        private static int FreePort()
        {
            using var socket = new TcpListener(IPAddress.Loopback, 0);
            socket.Start();
            return ((IPEndPoint)socket.LocalEndpoint).Port;
        }

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync().ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                Interlocked.Increment(ref _requests);
                context.Response.ContentLength64 = _content.Length;
                await context.Response.OutputStream.WriteAsync(_content).ConfigureAwait(false);
                context.Response.Close();
            }
        }
    }
}
