namespace VideoSeg.Core;

/// <summary>
/// The one line format of every error and warning VideoSeg prints: MSBuild's canonical
/// <c>origin: error|warning CODE: message</c>, where the origin is the file concerned, or
/// <c>videoseg</c> when no file is to blame.
/// </summary>
public static class Diagnostic
{
    /// <summary>The origin written when no file is to blame.</summary>
    public const string ToolOrigin = "videoseg";

    /// <summary>Formats one diagnostic line.</summary>
    /// <param name="path">The file concerned, or null.</param>
    /// <param name="category"><c>error</c> or <c>warning</c>.</param>
    /// <param name="code">The <c>VSEG####</c> code.</param>
    /// <param name="message">The message.</param>
    public static string Format(string? path, string category, string code, string message) =>
        $"{(string.IsNullOrEmpty(path) ? ToolOrigin : path)}: {category} {code}: {message}";

    /// <summary>Formats an error line.</summary>
    public static string Error(string? path, string code, string message) => Format(path, "error", code, message);
}
