using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace VideoSeg.Core.Pipeline;

/// <summary>
/// The rules that keep a stage from destroying what VideoSeg did not make. A stage may replace
/// an existing output folder only when the folder is empty or carries that stage's stamp; it may
/// never write to a path that is, lies inside, or contains one of its inputs; and a leftover
/// working folder is discarded only when VideoSeg's marker shows it made it. None of these rules
/// is lifted by <c>--force</c>: forcing reruns a stage, it does not widen what it may delete.
/// </summary>
public static class OutputOwnership
{
    /// <summary>
    /// Throws <see cref="ErrorCodes.OutputNotOwned"/> when <paramref name="output"/> is equal to, inside
    /// or contains any of <paramref name="inputs"/>.
    /// </summary>
    /// <param name="stage">The stage, for the message.</param>
    /// <param name="output">The output folder.</param>
    /// <param name="inputs">Every input file or folder root of the stage.</param>
    public static void CheckDisjoint(string stage, string output, IEnumerable<string> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        string fullOutput = Normalize(output);
        foreach (string input in inputs.Select(Normalize).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            string? relation =
                fullOutput == input ? "is the input" :
                IsInside(fullOutput, input) ? "lies inside the input" :
                IsInside(input, fullOutput) ? "contains the input" :
                null;
            if (relation is not null)
            {
                throw new VideoSegException(
                    ErrorCodes.OutputNotOwned,
                    $"the {stage} stage's output folder {relation} '{input}'; writing there would replace the data the stage reads. Choose an output folder outside every input",
                    fullOutput);
            }
        }
    }

    /// <summary>
    /// Throws <see cref="ErrorCodes.OutputNotOwned"/> unless the existing folder <paramref name="folder"/>
    /// may be replaced: it is absent, empty, or <paramref name="isOurs"/> says it carries VideoSeg's marker.
    /// A regular file at that path is never replaced.
    /// </summary>
    /// <param name="folder">The folder a stage is about to replace or delete.</param>
    /// <param name="isOurs">Whether the folder carries VideoSeg's marker for this use.</param>
    /// <param name="marker">The marker expected, for the message: "the flows stage's stamp 'x.stamp.json'".</param>
    public static void CheckReplaceable(string folder, Func<bool> isOurs, string marker)
    {
        ArgumentNullException.ThrowIfNull(isOurs);
        if (File.Exists(folder))
        {
            throw new VideoSegException(
                ErrorCodes.OutputNotOwned,
                "this is a regular file, but a folder is expected here; VideoSeg never replaces a file it did not make. Remove it or choose another output",
                folder);
        }

        if (!Directory.Exists(folder) || !Directory.EnumerateFileSystemEntries(folder).Any() || isOurs())
        {
            return;
        }

        throw new VideoSegException(
            ErrorCodes.OutputNotOwned,
            $"this folder already exists and holds files, but VideoSeg did not make it (it lacks {marker}); VideoSeg replaces only folders it made, even with --force. Remove it yourself if it is disposable, or choose another output",
            folder);
    }

    /// <summary>
    /// For commands that add files to a folder rather than replace it (bench): creates
    /// <paramref name="folder"/> if needed and proves it can be written, before any work, so that a
    /// long run cannot fail only at its end. Errors are <see cref="ErrorCodes.OutputNotWritable"/>.
    /// </summary>
    public static void EnsureWritableFolder(string folder)
    {
        string full = Path.GetFullPath(folder);
        if (File.Exists(full))
        {
            throw new VideoSegException(ErrorCodes.OutputNotWritable, "this is a regular file, but a folder is expected here", full);
        }

        string probe = Path.Combine(full, $".videoseg-probe-{Environment.ProcessId}.tmp");
        try
        {
            Directory.CreateDirectory(full);
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new VideoSegException(ErrorCodes.OutputNotWritable, $"this folder cannot be written: {ex.Message}", full, ex);
        }
    }

    /// <summary>True when <paramref name="path"/> lies strictly inside <paramref name="folder"/> (both normalised).</summary>
    private static bool IsInside(string path, string folder) =>
        path.StartsWith(folder.EndsWith(Path.DirectorySeparatorChar) ? folder : folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static string Normalize(string path)
    {
        string full = Path.GetFullPath(path);
        return full.Length > 1 ? Path.TrimEndingDirectorySeparator(full) : full;
    }
}
