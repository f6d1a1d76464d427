namespace VideoSeg.Core;

/// <summary>
/// A problem that does not stop a stage but that the user must see (an unverified archive, a
/// resized flow, a sequence missing from a published listing). It is printed in the same
/// canonical form as <see cref="VideoSegException"/>, so MSBuild and a reader see one format.
/// </summary>
/// <param name="Code">The stable <c>VSEG####</c> code (see <see cref="ErrorCodes"/>).</param>
/// <param name="Message">What happened and what VideoSeg did about it.</param>
/// <param name="Path">The file or folder concerned, when there is one.</param>
public sealed record VideoSegWarning(string Code, string Message, string? Path = null)
{
    /// <summary>Formats the warning the way MSBuild recognises it: <c>path: warning CODE: message</c>.</summary>
    public string ToDiagnosticString() => Diagnostic.Format(Path, "warning", Code, Message);
}
