using System;
using System.Collections.Concurrent;

namespace VideoSeg.Data.Tests.Acquisition;

/// <summary>Records reports synchronously, in order, and optionally reacts to each.</summary>
public sealed class RecordingProgress<T> : IProgress<T>
{
    private readonly Action<T>? _onReport;

    public RecordingProgress(Action<T>? onReport = null) => _onReport = onReport;

    public ConcurrentQueue<T> Reports { get; } = new();

    public void Report(T value)
    {
        Reports.Enqueue(value);
        _onReport?.Invoke(value);
    }
}
