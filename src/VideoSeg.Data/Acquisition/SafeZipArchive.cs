using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ICSharpCode.SharpZipLib;
using ICSharpCode.SharpZipLib.Checksum;
using ICSharpCode.SharpZipLib.Zip;
using VideoSeg.Core;

namespace VideoSeg.Data.Acquisition;

/// <summary>
/// Read access to a zip archive by entry name. Opening it rejects the whole archive if any
/// entry name could escape an extraction folder ("zip slip": absolute paths, drive letters,
/// ".." segments), so no later step can be tricked into writing outside the dataset.
/// </summary>
internal sealed class SafeZipArchive : IDisposable
{
    private readonly ZipFile _zip;
    private readonly Dictionary<string, ZipEntry> _files = new(StringComparer.Ordinal);

    /// <summary>Opens and validates <paramref name="path"/>.</summary>
    public SafeZipArchive(string path)
    {
        ArchivePath = path;
        try
        {
            _zip = new ZipFile(path);
        }
        catch (Exception ex) when (ex is ZipException or IOException)
        {
            throw new VideoSegException(ErrorCodes.BadLayout, $"'{path}' is not a readable zip archive: {ex.Message}", path, ex);
        }

        try
        {
            foreach (ZipEntry entry in _zip)
            {
                string name = Normalize(entry.Name);
                if (!IsSafeRelativePath(name))
                {
                    throw new VideoSegException(ErrorCodes.BadLayout, $"archive '{path}' holds the entry '{entry.Name}', whose path escapes the extraction folder (zip slip); refusing the whole archive", path);
                }

                if (entry.IsFile)
                {
                    _files[name] = entry;
                }
            }
        }
        catch
        {
            _zip.Close();
            throw;
        }
    }

    /// <summary>The archive's path, for messages.</summary>
    public string ArchivePath { get; }

    /// <summary>Every file entry's normalised name ('/' separators).</summary>
    public IEnumerable<string> FileNames => _files.Keys;

    /// <summary>True when a file entry of that normalised name exists.</summary>
    public bool Contains(string name) => _files.ContainsKey(name);

    /// <summary>
    /// The folder prefix ("" or ending in '/') under which the archive holds <paramref name="marker"/>,
    /// e.g. "DAVIS/" for "ImageSets/480p/val.txt"; the shallowest wins. Null when absent.
    /// </summary>
    public string? FindPrefix(string marker) =>
        _files.Keys
            .Where(n => n.EndsWith(marker, StringComparison.Ordinal) && (n.Length == marker.Length || n[n.Length - marker.Length - 1] == '/'))
            .Select(n => n[..^marker.Length])
            .OrderBy(p => p.Count(c => c == '/'))
            .ThenBy(p => p, StringComparer.Ordinal)
            .FirstOrDefault();

    /// <summary>The names of the files directly inside <paramref name="folder"/> (no trailing '/').</summary>
    public IReadOnlyList<string> FilesIn(string folder)
    {
        string prefix = folder + "/";
        return _files.Keys
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.IndexOf('/', prefix.Length) < 0)
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The names of the folders directly inside <paramref name="folder"/> that hold files.</summary>
    public IReadOnlyList<string> FoldersIn(string folder)
    {
        string prefix = folder + "/";
        return _files.Keys
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.IndexOf('/', prefix.Length) > 0)
            .Select(n => n[prefix.Length..n.IndexOf('/', prefix.Length)])
            .Distinct(StringComparer.Ordinal)
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Reads a whole file entry and checks it against the CRC-32 and uncompressed size that the
    /// central directory records. SharpZipLib's <see cref="ZipFile.GetInputStream(ZipEntry)"/> checks
    /// neither, so without this a flipped bit would be converted into the dataset as if it were data.
    /// Callers get the bytes only once they are verified, so nothing of a damaged entry is ever written.
    /// </summary>
    /// <exception cref="VideoSegException">
    /// <see cref="ErrorCodes.ChecksumMismatch"/> when the entry's data is damaged (wrong CRC-32 or size, or a
    /// compressed stream that cannot be decompressed), naming the archive, the entry and what was expected and found;
    /// <see cref="ErrorCodes.BadLayout"/> when the entry cannot be opened at all (e.g. an unsupported compression method).
    /// </exception>
    public byte[] ReadAllBytes(string name)
    {
        if (!_files.TryGetValue(name, out ZipEntry? entry))
        {
            throw new VideoSegException(ErrorCodes.MissingFile, $"archive '{ArchivePath}' has no entry '{name}'", ArchivePath);
        }

        if (entry.Size > int.MaxValue - 1 || entry.Size < 0)
        {
            throw new VideoSegException(ErrorCodes.BadLayout, $"archive entry '{name}' in '{ArchivePath}' is {entry.Size} bytes, too large for an image or list", ArchivePath);
        }

        Stream input;
        try
        {
            input = _zip.GetInputStream(entry);
        }
        catch (Exception ex) when (ex is SharpZipBaseException or IOException)
        {
            throw new VideoSegException(ErrorCodes.BadLayout, $"archive entry '{name}' in '{ArchivePath}' cannot be read: {ex.Message}", ArchivePath, ex);
        }

        int expectedSize = (int)entry.Size;
        byte[] data;
        int read;
        bool longer;
        try
        {
            using (input)
            {
                // One byte more than declared is read, so an entry that inflates to more is caught without inflating all of it.
                data = new byte[expectedSize + 1];
                read = input.ReadAtLeast(data, data.Length, throwOnEndOfStream: false);
                longer = read > expectedSize;
            }
        }
        catch (Exception ex) when (ex is SharpZipBaseException or IOException or InvalidDataException)
        {
            throw new VideoSegException(ErrorCodes.ChecksumMismatch, $"archive '{ArchivePath}' is damaged: its entry '{name}' cannot be decompressed ({ex.Message}); nothing of it was kept", ArchivePath, ex);
        }

        if (read != expectedSize)
        {
            string found = longer ? $"more than {expectedSize} bytes" : $"{read} bytes";
            throw new VideoSegException(ErrorCodes.ChecksumMismatch, $"archive '{ArchivePath}' is damaged: its entry '{name}' should be {expectedSize} bytes (central directory), but holds {found}; nothing of it was kept", ArchivePath);
        }

        Array.Resize(ref data, expectedSize);
        if (entry.HasCrc)
        {
            var crc = new Crc32();
            crc.Update(data);
            if (crc.Value != entry.Crc)
            {
                throw new VideoSegException(ErrorCodes.ChecksumMismatch, $"archive '{ArchivePath}' is damaged: its entry '{name}' should have CRC-32 0x{entry.Crc:x8} (central directory), but has CRC-32 0x{crc.Value:x8} ({expectedSize} bytes); nothing of it was kept", ArchivePath);
            }
        }

        return data;
    }

    /// <summary>Reads a text file entry as lines, without a BOM.</summary>
    public IReadOnlyList<string> ReadLines(string name)
    {
        using var reader = new StreamReader(new MemoryStream(ReadAllBytes(name)), detectEncodingFromByteOrderMarks: true);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }

    /// <summary>True when <paramref name="name"/> can be used as a single path segment of an output file.</summary>
    public static bool IsSafeSegment(string name) =>
        name.Length > 0 && name != "." && name != ".." && name.IndexOfAny(['/', '\\', ':', '\0']) < 0
        && name.Trim() == name;

    /// <summary>Joins safe segments under <paramref name="root"/>, failing if the result would leave it.</summary>
    public static string Destination(string root, params string[] segments)
    {
        foreach (string segment in segments)
        {
            if (!IsSafeSegment(segment))
            {
                throw new VideoSegException(ErrorCodes.BadLayout, $"the name '{segment}' cannot be used as a file or folder name (zip slip guard)", root);
            }
        }

        string fullRoot = Path.GetFullPath(root);
        string path = Path.GetFullPath(Path.Combine([fullRoot, .. segments]));
        if (!path.StartsWith(fullRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new VideoSegException(ErrorCodes.BadLayout, $"'{string.Join('/', segments)}' would be written outside '{fullRoot}' (zip slip guard)", root);
        }

        return path;
    }

    /// <inheritdoc />
    public void Dispose() => _zip.Close();

    private static string Normalize(string name) => name.Replace('\\', '/');

    private static bool IsSafeRelativePath(string name)
    {
        if (name.Length == 0 || name[0] == '/' || name.Contains(':', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal))
        {
            return false;
        }

        return name.Split('/').All(segment => segment != "..");
    }
}
