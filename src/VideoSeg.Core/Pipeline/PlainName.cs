using System;
using System.Globalization;

namespace VideoSeg.Core.Pipeline;

/// <summary>
/// Names that VideoSeg joins onto a root folder (sequences, configurations, frame stems) must be
/// one plain path segment, so that no list file can make a stage read or write outside its
/// roots. They are checked once, where they are read.
/// </summary>
public static class PlainName
{
    /// <summary>The longest name accepted (one path segment on Linux file systems is at most 255 bytes).</summary>
    public const int MaxLength = 200;

    /// <summary>
    /// Why <paramref name="name"/> is not a plain relative name, or null when it is: non-empty, at
    /// most <see cref="MaxLength"/> characters, not <c>.</c> or <c>..</c>, free of '/' and '\',
    /// of control characters, and of leading or trailing white space.
    /// </summary>
    public static string? Problem(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0)
        {
            return "it is empty";
        }

        if (name.Length > MaxLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"it is {name.Length} characters long, more than {MaxLength}");
        }

        if (name is "." or "..")
        {
            return "it names a folder relative to another ('.' or '..')";
        }

        if (name.Trim() != name)
        {
            return "it starts or ends with white space";
        }

        foreach (char c in name)
        {
            if (c is '/' or '\\')
            {
                return "it contains a path separator, so it is not one folder or file name (absolute paths and '..' are refused)";
            }

            if (char.IsControl(c))
            {
                return string.Create(CultureInfo.InvariantCulture, $"it contains the control character U+{(int)c:X4}");
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="name"/> is a plain relative name (see <see cref="Problem"/>).</summary>
    public static bool IsPlain(string name) => Problem(name) is null;

    /// <summary>
    /// Returns <paramref name="name"/> when it is plain; otherwise throws one <see cref="ErrorCodes.BadName"/>
    /// error that names the file it was read from and, when known, the line.
    /// </summary>
    /// <param name="name">The name as read.</param>
    /// <param name="what">What the name is, for the message: "sequence name", "configuration name", ...</param>
    /// <param name="source">The file the name was read from, or null when it came from the command line.</param>
    /// <param name="line">The 1-based line in <paramref name="source"/>, or 0 when not line-based.</param>
    public static string Check(string name, string what, string? source, int line = 0)
    {
        string? problem = Problem(name);
        if (problem is null)
        {
            return name;
        }

        string where = line > 0 ? string.Create(CultureInfo.InvariantCulture, $"line {line}: ") : string.Empty;
        throw new VideoSegException(
            ErrorCodes.BadName,
            $"{where}the {what} '{Printable(name)}' is refused: {problem}; expected one plain folder or file name such as 'car-shadow'",
            source);
    }

    private static string Printable(string name)
    {
        var text = new System.Text.StringBuilder(name.Length);
        foreach (char c in name.Length > MaxLength ? name[..MaxLength] + "…" : name)
        {
            text.Append(char.IsControl(c) ? string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}") : c.ToString());
        }

        return text.ToString();
    }
}
