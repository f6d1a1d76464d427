using System;
using System.IO;
using VideoSeg.Core.IO;

namespace VideoSeg.Core.Pipeline;

/// <summary>
/// The working folder beside a resumable stage's output (<c>&lt;out&gt;.training</c>), where partial work accumulates
/// under a key of the stage's inputs and options (<see cref="KeyFileName"/>). Work of another key is discarded, never
/// resumed, and a folder without a key is not VideoSeg's and is never deleted.
/// </summary>
public sealed class ResumeFolder
{
    /// <summary>The file that names the inputs and options the folder's work belongs to.</summary>
    public const string KeyFileName = "resume-key.txt";

    /// <summary>Names the folder at <paramref name="path"/>; nothing is touched.</summary>
    public ResumeFolder(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = path;
    }

    /// <summary>The folder.</summary>
    public string Path { get; }

    private string KeyPath => System.IO.Path.Combine(Path, KeyFileName);

    /// <summary>
    /// Refuses, with one <see cref="ErrorCodes.OutputNotOwned"/> error, a non-empty folder without a key: it is not
    /// VideoSeg's, so nothing in it may be deleted. <paramref name="work"/> names the work in the error, e.g. "an earlier training run".
    /// </summary>
    public void CheckOwned(string work) =>
        OutputOwnership.CheckReplaceable(Path, () => File.Exists(KeyPath), $"resume key '{KeyFileName}' of {work}");

    /// <summary>
    /// Makes the folder hold the work of <paramref name="key"/>: a folder keyed otherwise is emptied first. Returns
    /// true when earlier work was discarded.
    /// </summary>
    public bool Prepare(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        bool discarded = Directory.Exists(Path) && (!File.Exists(KeyPath) || File.ReadAllText(KeyPath).Trim() != key);
        if (discarded)
        {
            Directory.Delete(Path, recursive: true);
        }

        Directory.CreateDirectory(Path);
        AtomicFile.WriteAllText(KeyPath, key + "\n");
        return discarded;
    }

    /// <summary>Discards all the folder's work and keys it to <paramref name="key"/> again.</summary>
    public void Reset(string key)
    {
        Delete();
        Prepare(key);
    }

    /// <summary>Deletes the folder, when there is one.</summary>
    public void Delete()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
