using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace VideoSeg.Core.IO;

/// <summary>SHA-256 content hashes of strings, files and directory trees, as lowercase hex.</summary>
public static class ContentHash
{
    /// <summary>The hash of a UTF-8 string.</summary>
    public static string OfString(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>The hash of one file's bytes.</summary>
    public static string OfFile(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>
    /// The hash of a directory tree: every file's relative path (with '/' separators, sorted
    /// ordinally) and content. Files whose names end in <c>.tmp</c> are ignored. A missing
    /// directory hashes like an empty one.
    /// </summary>
    public static string OfDirectory(string directory)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (string relative in ListFiles(directory))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(relative + "\n"));
            hash.AppendData(Convert.FromHexString(OfFile(Path.Combine(directory, relative))));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The relative paths of the files under <paramref name="directory"/>, sorted ordinally.</summary>
    public static IReadOnlyList<string> ListFiles(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return Array.Empty<string>();
        }

        return Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".tmp", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(directory, f).Replace('\\', '/'))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
    }
}
