using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Text;
using TorchSharp;
using VideoSeg.Core;
using VideoSeg.Models.Checkpoints;
using VideoSeg.TestUtilities;
using Xunit;
using static TorchSharp.torch;

namespace VideoSeg.Models.Tests.Checkpoints;

public sealed class UnsafeCheckpointTests
{
    [Fact]
    public void GlobalOutsideTheAllowListIsRefusedWithoutRunningIt()
    {
        using var temp = new TempDirectory();
        string marker = temp.Combine("pwned");
        string path = temp.Combine("x.pth");
        var pickle = new List<byte> { 0x80, 2, (byte)'c' };
        pickle.AddRange(Encoding.ASCII.GetBytes("os\nsystem\n"));
        pickle.Add((byte)'X');
        byte[] command = Encoding.UTF8.GetBytes("touch " + marker);
        pickle.AddRange(System.BitConverter.GetBytes(command.Length));
        pickle.AddRange(command);
        pickle.AddRange([0x85, (byte)'R', (byte)'.']);
        WriteZip(path, pickle.ToArray());

        VideoSegException error = Assert.Throws<VideoSegException>(() => PyTorchCheckpoint.Load(path));
        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
        Assert.Contains("'os.system'", error.Message, System.StringComparison.Ordinal);
        Assert.Contains("x.pth", error.Message, System.StringComparison.Ordinal);
        Assert.Contains("allow-list", error.Message, System.StringComparison.Ordinal);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public void StackGlobalOutsideTheAllowListIsRefused()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("y.pth");
        var pickle = new List<byte> { 0x80, 4 };
        foreach (string text in new[] { "builtins", "eval" })
        {
            pickle.Add(0x8c);
            pickle.Add((byte)text.Length);
            pickle.AddRange(Encoding.ASCII.GetBytes(text));
        }

        pickle.AddRange([0x93, (byte)')', (byte)'R', (byte)'.']);
        WriteZip(path, pickle.ToArray());

        VideoSegException error = Assert.Throws<VideoSegException>(() => PyTorchCheckpoint.Load(path));
        Assert.Contains("'builtins.eval'", error.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedZipIsReportedAsUnreadable()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("cut.pth");
        using DisposeScope scope = NewDisposeScope();
        PyTorchCheckpointWriter.Write(path, new Dictionary<string, Tensor> { ["w"] = ones(64, 64) });
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        VideoSegException error = Assert.Throws<VideoSegException>(() => PyTorchCheckpoint.Load(path));
        Assert.Equal(ErrorCodes.BadLayout, error.Code);
        Assert.Equal(path, error.Path);
    }

    [Fact]
    public void TruncatedPickleIsReportedAsUnreadable()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("short.pth");
        WriteZip(path, [0x80, 2, (byte)'}', (byte)'(', (byte)'X', 9, 0, 0, 0, (byte)'a']);

        VideoSegException error = Assert.Throws<VideoSegException>(() => PyTorchCheckpoint.Load(path));
        Assert.Equal(ErrorCodes.BadLayout, error.Code);
    }

    [Fact]
    public void MissingStorageEntryIsNamedWhenTheTensorIsRead()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("hollow.pth");
        using DisposeScope scope = NewDisposeScope();
        PyTorchCheckpointWriter.Write(path, new Dictionary<string, Tensor> { ["w"] = ones(2, 2) });
        using (ZipArchive zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            zip.GetEntry("archive/data/0")!.Delete();
        }

        CheckpointTensor tensor = StateDict.Extract(PyTorchCheckpoint.Load(path))["w"];
        VideoSegException error = Assert.Throws<VideoSegException>(() => tensor.ToTorch());
        Assert.Equal(ErrorCodes.BadLayout, error.Code);
        Assert.Contains("archive/data/0", error.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFileIsReported()
    {
        using var temp = new TempDirectory();
        VideoSegException error = Assert.Throws<VideoSegException>(() => PyTorchCheckpoint.Load(temp.Combine("absent.pth")));
        Assert.Equal(ErrorCodes.MissingFile, error.Code);
    }

    private static void WriteZip(string path, byte[] pickle)
    {
        using ZipArchive zip = ZipFile.Open(path, ZipArchiveMode.Create);
        using (Stream stream = zip.CreateEntry("archive/data.pkl").Open())
        {
            stream.Write(pickle);
        }

        using (Stream stream = zip.CreateEntry("archive/version").Open())
        {
            stream.Write("3\n"u8);
        }
    }
}
