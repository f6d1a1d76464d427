using System;
using System.Collections.Generic;

namespace VideoSeg.Data.Tests.Synthetic;

/// <summary>Collects progress reports synchronously, unlike <see cref="Progress{T}"/>, which posts them.</summary>
internal sealed class RecordingProgress<T> : IProgress<T>
{
    public List<T> Reports { get; } = [];

    public void Report(T value) => Reports.Add(value);
}
