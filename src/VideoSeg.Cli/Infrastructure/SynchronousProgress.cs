using System;

namespace VideoSeg.Cli.Infrastructure;

/// <summary>
/// An <see cref="IProgress{T}"/> that reports on the caller's thread, in order. The framework's
/// <see cref="Progress{T}"/> posts to the thread pool, which would reorder and delay lines.
/// </summary>
public sealed class SynchronousProgress<T> : IProgress<T>
{
    private readonly Action<T> _report;

    /// <summary>Reports through <paramref name="report"/>.</summary>
    public SynchronousProgress(Action<T> report) => _report = report;

    /// <inheritdoc />
    public void Report(T value) => _report(value);
}
