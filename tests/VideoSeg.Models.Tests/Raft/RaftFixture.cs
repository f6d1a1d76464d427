using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using VideoSeg.Core.Imaging;
using VideoSeg.Models.Tests.Network;

namespace VideoSeg.Models.Tests.Raft;

/// <summary>
/// The fixture that <c>eng/reference/raft_fixture.py</c> made from princeton-vl/RAFT's own code (see
/// <c>eng/reference/README.md</c>): <c>raft.pth.gz</c> and <c>raft-small.pth.gz</c>, gzipped <c>module.</c>-prefixed
/// state dicts saved by <c>torch.save</c>; <c>raft_fixture.npz</c>, the two pairs of 148×124 frames and RAFT's flows.
/// </summary>
internal static class RaftFixture
{
    public const int Width = 148;
    public const int Height = 124;
    public const int Iterations = 12;

    private static readonly Lazy<Dictionary<string, (long[] Shape, double[] Data)>> s_arrays =
        new(() => NpzArchive.Read(Path.Combine(Folder, "raft_fixture.npz")));

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Raft", "Fixtures");

    /// <summary>Unzips <c>&lt;name&gt;.pth.gz</c> into <paramref name="folder"/> and returns the <c>.pth</c>'s path.</summary>
    public static string ExtractWeights(string name, string folder)
    {
        string path = Path.Combine(folder, name + ".pth");
        using FileStream source = File.OpenRead(Path.Combine(Folder, name + ".pth.gz"));
        using var gzip = new GZipStream(source, CompressionMode.Decompress);
        using FileStream target = File.Create(path);
        gzip.CopyTo(target);
        return path;
    }

    /// <summary>The first (<c>image1</c>) or second (<c>image2</c>) frames of both pairs.</summary>
    public static IReadOnlyList<RgbImage> Frames(string name)
    {
        (long[] shape, double[] data) = s_arrays.Value[name];
        int count = (int)shape[0];
        int plane = Width * Height;
        var images = new RgbImage[count];
        for (int i = 0; i < count; i++)
        {
            var rgb = new byte[plane * 3];
            for (int c = 0; c < 3; c++)
            {
                for (int p = 0; p < plane; p++)
                {
                    rgb[(3 * p) + c] = checked((byte)data[(((i * 3) + c) * plane) + p]);
                }
            }

            images[i] = new RgbImage(Width, Height, rgb);
        }

        return images;
    }

    /// <summary>RAFT's flows, (pairs, 2, H, W), e.g. <c>raft_flow_iters12</c>.</summary>
    public static (long[] Shape, double[] Data) Flow(string name) => s_arrays.Value[name];
}
