using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;

namespace VideoSeg.Core.Runtime;

/// <summary>
/// Loads the libstdc++ compatibility shim that the build places beside the binaries on hosts
/// whose libstdc++ predates GLIBCXX_3.4.32 (see eng/LibStdCxxCompat.targets). It must run
/// before TorchSharp's first native call; every assembly that uses TorchSharp calls it from a
/// module initializer. It references no TorchSharp type, so Core stays free of native code.
/// </summary>
public static class NativeShim
{
    /// <summary>The shim's file name in the output folder.</summary>
    public const string ShimFileName = "libvideoseg_glibcxx_shim.so";

    /// <summary>The marker the build writes to record whether the fix was applied.</summary>
    public const string MarkerFileName = "videoseg-native-fix.txt";

    private static int s_state;

    /// <summary>Whether the shim was found and loaded in this process.</summary>
    public static bool Loaded => s_state == 2;

    /// <summary>Loads the shim once if it exists; a no-op on hosts that do not need it.</summary>
    public static void EnsureLoaded()
    {
        if (Interlocked.CompareExchange(ref s_state, 1, 0) != 0)
        {
            return;
        }

        string shim = Path.Combine(AppContext.BaseDirectory, ShimFileName);
        if (OperatingSystem.IsLinux() && File.Exists(shim))
        {
            NativeLibrary.Load(shim);
            s_state = 2;
        }
    }

    /// <summary>What the build recorded about the fix, e.g. <c>applied=True</c>, or a note that no marker exists.</summary>
    public static string DescribeBuildFix()
    {
        string marker = Path.Combine(AppContext.BaseDirectory, MarkerFileName);
        return File.Exists(marker)
            ? string.Join("; ", File.ReadAllLines(marker))
            : "no marker (the build did not examine libLibTorchSharp.so)";
    }
}
