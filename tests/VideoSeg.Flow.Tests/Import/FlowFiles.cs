using System.IO;
using VideoSeg.Core.Formats;
using VideoSeg.Core.Imaging;

namespace VideoSeg.Flow.Tests.Import;

/// <summary>Writes small constant flows whose values identify the file they came from.</summary>
internal static class FlowFiles
{
    public static FlowField Constant(int width, int height, float u, float v)
    {
        var data = new float[width * height * 2];
        for (int i = 0; i < data.Length; i += 2)
        {
            data[i] = u;
            data[i + 1] = v;
        }

        return new FlowField(width, height, data);
    }

    public static void WriteNpy(string path, FlowField flow)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, NpyFlowFormat.Encode(flow));
    }

    public static void WriteFlo(string path, FlowField flow)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, FloFormat.Encode(flow));
    }
}
