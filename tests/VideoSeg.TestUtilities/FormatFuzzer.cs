using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using VideoSeg.Core;
using Xunit;
using Xunit.Abstractions;

namespace VideoSeg.TestUtilities;

/// <summary>
/// Deterministic fuzzing of file readers: mutates valid files (seeded) and requires each mutation to be either read
/// or rejected with a <see cref="VideoSegException"/> of an expected code naming the file. Any other exception is a
/// defect, reported with the case that caused it.
/// </summary>
public static class FormatFuzzer
{
    /// <summary>
    /// The generic mutations of <paramref name="valid"/>: truncation at every length up to
    /// <paramref name="headerLength"/> + 16 and at random lengths, every header byte replaced by random values, random
    /// flips of 1 to 4 bytes anywhere, trailing bytes, and an empty file.
    /// </summary>
    public static IEnumerable<FuzzCase> Mutations(byte[] valid, int headerLength, int seed, int randomFlips = 300, int randomTruncations = 30)
    {
        ArgumentNullException.ThrowIfNull(valid);
        var random = new Random(seed);
        int truncateAll = Math.Min(valid.Length - 1, headerLength + 16);
        for (int length = 0; length <= truncateAll; length++)
        {
            yield return new FuzzCase($"truncated to {length} of {valid.Length} bytes", valid[..length]);
        }

        for (int i = 0; i < randomTruncations && valid.Length > truncateAll + 1; i++)
        {
            int length = random.Next(truncateAll + 1, valid.Length);
            yield return new FuzzCase($"truncated to {length} of {valid.Length} bytes", valid[..length]);
        }

        for (int position = 0; position < Math.Min(headerLength, valid.Length); position++)
        {
            foreach (byte value in new byte[] { 0x00, 0xFF, 0x7F, 0x80, (byte)random.Next(256) })
            {
                if (valid[position] == value)
                {
                    continue;
                }

                byte[] bytes = (byte[])valid.Clone();
                bytes[position] = value;
                yield return new FuzzCase($"header byte {position} set to 0x{value:X2}", bytes);
            }
        }

        for (int i = 0; i < randomFlips; i++)
        {
            byte[] bytes = (byte[])valid.Clone();
            int count = random.Next(1, 5);
            var changes = new List<string>();
            for (int j = 0; j < count; j++)
            {
                // Half the flips land in the header, where they matter most.
                int position = random.Next(2) == 0 ? random.Next(Math.Min(headerLength, bytes.Length)) : random.Next(bytes.Length);
                byte mask = (byte)random.Next(1, 256);
                bytes[position] ^= mask;
                changes.Add($"{position}^0x{mask:X2}");
            }

            yield return new FuzzCase($"bytes flipped at {string.Join(", ", changes)}", bytes);
        }

        foreach (int extra in new[] { 1, 3, 4, 8, 1000 })
        {
            var tail = new byte[extra];
            random.NextBytes(tail);
            yield return new FuzzCase($"{extra} trailing bytes added", [.. valid, .. tail]);
        }

        yield return new FuzzCase("empty file", []);
    }

    /// <summary>
    /// Writes each case to <paramref name="path"/> and reads it with <paramref name="read"/>; asserts that every case
    /// was read or rejected with one of <paramref name="allowedCodes"/> naming <paramref name="path"/>, and prints the
    /// counts and the elapsed time to <paramref name="output"/>.
    /// </summary>
    /// <returns>How many cases ran.</returns>
    public static int Run(ITestOutputHelper output, string name, string path, IEnumerable<FuzzCase> cases, Action<string> read, params string[] allowedCodes)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(read);
        var clock = Stopwatch.StartNew();
        var failures = new List<string>();
        var rejected = new SortedDictionary<string, int>(StringComparer.Ordinal);
        int total = 0;
        int accepted = 0;
        foreach (FuzzCase fuzzCase in cases)
        {
            total++;
            File.WriteAllBytes(path, fuzzCase.Bytes);
            try
            {
                read(path);
                accepted++;
            }
            catch (VideoSegException ex) when (allowedCodes.Contains(ex.Code) && ex.Path == path)
            {
                rejected[ex.Code] = rejected.GetValueOrDefault(ex.Code) + 1;
            }
            catch (VideoSegException ex)
            {
                failures.Add($"{fuzzCase.Description}: {ex.Code} with path '{ex.Path}' (expected one of {string.Join('/', allowedCodes)} naming the file): {ex.Message}");
            }
#pragma warning disable CA1031 // Every other exception type is the defect this harness exists to find.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failures.Add($"{fuzzCase.Description}: {ex.GetType().Name}: {ex.Message}");
            }
        }

        clock.Stop();
        output.WriteLine(
            $"{name}: {total} cases in {clock.Elapsed.TotalSeconds:F2} s: {accepted} read, "
            + $"{total - accepted - failures.Count} rejected ({string.Join(", ", rejected.Select(r => $"{r.Key} ×{r.Value}"))}), {failures.Count} failed");
        Assert.True(failures.Count == 0, $"{failures.Count} of {total} {name} cases ended in the wrong exception:\n" + string.Join('\n', failures.Take(25)));
        return total;
    }
}
