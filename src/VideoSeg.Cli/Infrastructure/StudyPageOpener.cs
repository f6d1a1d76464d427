using System;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace VideoSeg.Cli.Infrastructure;

/// <summary>
/// <c>--open</c>: prints the study page's path and, where a desktop session is running, hands it to the desktop's
/// opener (<c>xdg-open</c>) without waiting; on a server or in CI the printed path is all that happens.
/// </summary>
public static class StudyPageOpener
{
    /// <summary>Prints <paramref name="page"/> and opens it where a display and <c>xdg-open</c> exist; returns whether it was handed to a browser.</summary>
    /// <exception cref="Core.VideoSegException">The page does not exist.</exception>
    public static bool Open(string page, TextWriter output) => Open(page, output, Environment.GetEnvironmentVariable);

    /// <summary>As <see cref="Open(string, TextWriter)"/>, reading <c>DISPLAY</c>, <c>WAYLAND_DISPLAY</c> and <c>PATH</c> through <paramref name="environment"/>.</summary>
    public static bool Open(string page, TextWriter output, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(environment);
        if (!File.Exists(page))
        {
            throw new Core.VideoSegException(Core.ErrorCodes.MissingFile, "expected the study page that the report stage writes; rerun 'videoseg report' with --force", page);
        }

        output.WriteLine($"Study page: {page}");
        bool desktop = !string.IsNullOrEmpty(environment("DISPLAY")) || !string.IsNullOrEmpty(environment("WAYLAND_DISPLAY"));
        string? opener = desktop ? FindOnPath("xdg-open", environment("PATH")) : null;
        if (opener is null)
        {
            return false;
        }

        using Process? process = Process.Start(new ProcessStartInfo(opener, [page]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true });
        return process is not null;
    }

    private static string? FindOnPath(string program, string? path) =>
        (path ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);
}
