using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Threading;

namespace VideoSeg.Data.Acquisition;

/// <summary>A file's size, SHA-256 and MD5 (lowercase hex), computed in one pass.</summary>
/// <param name="Length">Size in bytes.</param>
/// <param name="Sha256">SHA-256, lowercase hex.</param>
/// <param name="Md5">MD5, lowercase hex.</param>
public sealed record FileChecksums(long Length, string Sha256, string Md5)
{
    /// <summary>Reads <paramref name="path"/> once and hashes it both ways.</summary>
    public static FileChecksums Compute(string path, CancellationToken cancellationToken = default)
    {
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var md5 = CreateMd5();
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        var buffer = new byte[1 << 20];
        long length = 0;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            sha256.AppendData(buffer, 0, read);
            md5.AppendData(buffer, 0, read);
            length += read;
        }

        return new FileChecksums(length, Convert.ToHexStringLower(sha256.GetHashAndReset()), Convert.ToHexStringLower(md5.GetHashAndReset()));
    }

    /// <summary>
    /// An incremental MD5. MD5 is broken as a defence against tampering; it is used here only
    /// because DAVIS publishes nothing else, and SHA-256 is always recorded beside it.
    /// </summary>
    internal static IncrementalHash CreateMd5() => IncrementalHash.CreateHash(HashAlgorithmName.MD5);

    /// <summary>
    /// Checks these checksums against the expected ones; returns a description of each mismatch,
    /// or null when all that were given match.
    /// </summary>
    public string? DescribeMismatch(long? expectedSize, string? expectedMd5, string? expectedSha256)
    {
        var problems = new List<string>();
        if (expectedSize is long size && size != Length)
        {
            problems.Add($"size expected {size} bytes, actual {Length}");
        }

        if (expectedSha256 is not null && !string.Equals(expectedSha256.Trim(), Sha256, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"SHA-256 expected {expectedSha256.Trim().ToLowerInvariant()}, actual {Sha256}");
        }

        if (expectedMd5 is not null && !string.Equals(expectedMd5.Trim(), Md5, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"MD5 expected {expectedMd5.Trim().ToLowerInvariant()}, actual {Md5}");
        }

        return problems.Count == 0 ? null : string.Join("; ", problems);
    }
}
