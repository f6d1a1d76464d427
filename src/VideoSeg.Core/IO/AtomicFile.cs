using System;
using System.IO;
using System.Text;

namespace VideoSeg.Core.IO;

/// <summary>
/// Writes files so that a reader never sees a partial one: the content goes to a temporary
/// file beside the target, which is renamed over the target only when complete. An
/// interrupted run therefore leaves either the old file or none, plus at most a
/// <c>*.tmp</c> file that the next run overwrites.
/// </summary>
public static class AtomicFile
{
    /// <summary>
    /// Writes through <paramref name="write"/> into a temporary file, then renames it to <paramref name="path"/>.
    /// A failure of the file system (no space left, read-only, a folder in the way) is one
    /// <see cref="ErrorCodes.OutputNotWritable"/> error naming <paramref name="path"/>.
    /// </summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        string fullPath = Path.GetFullPath(path);
        string temp = $"{fullPath}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
            }

            File.Move(temp, fullPath, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new VideoSegException(ErrorCodes.OutputNotWritable, $"cannot write this file: {ex.Message}", fullPath, ex);
        }
        finally
        {
            DeleteQuietly(temp);
        }
    }

    private static void DeleteQuietly(string temp)
    {
        try
        {
            File.Delete(temp);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The write already failed or succeeded; a stray *.tmp is ignored by hashes and overwritten by the next run.
        }
    }

    /// <summary>Atomically writes <paramref name="bytes"/> to <paramref name="path"/>.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        byte[] copy = bytes.ToArray();
        Write(path, s => s.Write(copy));
    }

    /// <summary>Atomically writes UTF-8 text (no BOM) to <paramref name="path"/>.</summary>
    public static void WriteAllText(string path, string text) =>
        WriteAllBytes(path, new UTF8Encoding(false).GetBytes(text));
}
