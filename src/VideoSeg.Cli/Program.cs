using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using VideoSeg.Cli.Infrastructure;
using VideoSeg.Core;

namespace VideoSeg.Cli;

/// <summary>
/// The <c>videoseg</c> command line: one subcommand per pipeline stage. Exit codes:
/// 0 success (including "up to date"), 1 usage error, 2 a VideoSeg error (bad input, failed
/// stage, baseline mismatch), 130 cancelled. Errors go to standard error in MSBuild's canonical
/// format (<c>file: error VSEG####: message</c>) so that the Reproduce target reports them as is.
/// </summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static async Task<int> Main(string[] args)
    {
        RootCommand root = CliApplication.CreateRootCommand();
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // In MSBuild's canonical format, so the Reproduce target shows each as an error with its code.
            foreach (ParseError error in parse.Errors)
            {
                await Console.Error.WriteLineAsync(Diagnostic.Error(null, ErrorCodes.InvalidArgument, $"{error.Message} (see 'videoseg {parse.CommandResult.Command.Name} --help')")).ConfigureAwait(false);
            }

            return ExitCodes.Usage;
        }

        using var signals = new CancellationSignals();
        try
        {
            // System.CommandLine's own signal handling would return 130 after two seconds while the stage
            // still runs, so its working folder would stay behind and no message would be printed.
            var configuration = new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
            return await parse.InvokeAsync(configuration, signals.Token).ConfigureAwait(false);
        }
        catch (VideoSegException ex)
        {
            await Console.Error.WriteLineAsync(ex.ToDiagnosticString()).ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException) when (signals.Token.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync(Diagnostic.Error(null, ErrorCodes.Cancelled, "cancelled; completed stages keep their outputs, the interrupted stage left none, and a rerun resumes")).ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
        catch (IOException ex)
        {
            await Console.Error.WriteLineAsync(Diagnostic.Error(null, ErrorCodes.StageFailed, ex.Message)).ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (ExternalException ex)
        {
            // libtorch's own failures: one error line for MSBuild, then its frames for whoever reports the bug.
            await Console.Error.WriteLineAsync(Diagnostic.Error(null, ErrorCodes.StageFailed, $"libtorch: {FirstLine(ex.Message)}")).ConfigureAwait(false);
            await Console.Error.WriteLineAsync(ex.ToString()).ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (Exception ex)
        {
            // Whatever VideoSeg failed to anticipate still ends in one error line and a documented exit code,
            // never in the runtime's abort; the details follow for the bug report.
            await Console.Error.WriteLineAsync(Diagnostic.Error(null, ErrorCodes.InternalError, $"internal error ({ex.GetType().Name}: {FirstLine(ex.Message)}); this is a bug in VideoSeg, please report it with the details below")).ConfigureAwait(false);
            await Console.Error.WriteLineAsync(ex.ToString()).ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
