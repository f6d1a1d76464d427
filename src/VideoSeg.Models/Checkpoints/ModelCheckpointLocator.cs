using System;
using System.IO;
using System.Linq;
using VideoSeg.Core;

namespace VideoSeg.Models.Checkpoints;

/// <summary>Finds the checkpoint a <c>--model</c> argument names: a <c>.pth</c> file, or the newest <c>checkpoint_*.pth</c> of a train stage's folder.</summary>
public static class ModelCheckpointLocator
{
    /// <summary>
    /// The full path of the checkpoint <paramref name="model"/> names. A folder without any <c>checkpoint_*.pth</c> is one
    /// <see cref="ErrorCodes.MissingFile"/> error naming it and the command that makes one; <paramref name="option"/> names
    /// the argument in the error for a missing value.
    /// </summary>
    public static string Resolve(string? model, string option)
    {
        if (model is null)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"{option} needs --model <training folder or .pth file>");
        }

        if (!Directory.Exists(model))
        {
            return Path.GetFullPath(model);
        }

        string? latest = Directory.GetFiles(model, "checkpoint_*.pth").Select(Path.GetFullPath).Order(StringComparer.Ordinal).LastOrDefault();
        string folder = Path.GetFullPath(model);
        return latest ?? throw new VideoSegException(ErrorCodes.MissingFile, $"no checkpoint_*.pth in '{folder}'; run 'videoseg train --out {folder}' first", folder);
    }
}
