using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace VideoSeg.Cli.Infrastructure;

/// <summary>
/// Turns the first Ctrl+C (SIGINT) or SIGTERM into a cancellation that the running stage observes
/// between steps, so that it can remove its working folder and report the cancellation itself.
/// The process is not killed on that first signal; a second one ends it at once (the working
/// folder it leaves is discarded by the next run).
/// </summary>
public sealed class CancellationSignals : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration[] _registrations;
    private int _signals;

    /// <summary>Starts listening for SIGINT and SIGTERM.</summary>
    public CancellationSignals()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
        ];
    }

    /// <summary>Cancelled on the first signal.</summary>
    public CancellationToken Token => _source.Token;

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (PosixSignalRegistration registration in _registrations)
        {
            registration.Dispose();
        }

        _source.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        if (Interlocked.Increment(ref _signals) > 1)
        {
            // A second signal: the user does not want to wait for the current step.
            return;
        }

        context.Cancel = true;
        Console.Error.WriteLine($"[videoseg] {context.Signal}: cancelling after the current step (signal again to stop at once)");
        _source.Cancel();
    }
}
