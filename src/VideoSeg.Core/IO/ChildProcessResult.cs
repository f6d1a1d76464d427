namespace VideoSeg.Core.IO;

/// <summary>How a child process ended and what it printed.</summary>
/// <param name="ExitCode">The exit code; −1 when the program could not be started.</param>
/// <param name="Stdout">Everything written to standard output.</param>
/// <param name="Stderr">Everything written to standard error.</param>
public sealed record ChildProcessResult(int ExitCode, string Stdout, string Stderr);
