using System;

namespace VideoSeg.Core;

/// <summary>
/// The one exception type that VideoSeg raises for bad input or a failed stage. It carries a
/// stable <c>VSEG####</c> code (see <see cref="ErrorCodes"/>) and, where one is to blame, the
/// file, so that the CLI and the MSBuild tasks can report it as one clear error.
/// </summary>
public sealed class VideoSegException : Exception
{
    /// <summary>Creates an error with a code, a message and optionally the file it concerns.</summary>
    public VideoSegException(string code, string message, string? path = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
        Path = path;
    }

    /// <summary>The stable error code, e.g. <c>VSEG2001</c>.</summary>
    public string Code { get; }

    /// <summary>The file or directory the error concerns, when there is one.</summary>
    public string? Path { get; }

    /// <summary>
    /// Formats the error the way MSBuild recognises it: <c>path: error CODE: message</c>, with
    /// <c>videoseg</c> as the origin when no file is to blame.
    /// </summary>
    public string ToDiagnosticString() => Diagnostic.Error(Path, Code, Message);
}
