using System;

namespace VideoSeg.Data.Acquisition;

/// <summary>How far one download has come.</summary>
/// <param name="Url">The address being read.</param>
/// <param name="Attempt">The attempt at this address, from 1.</param>
/// <param name="BytesReceived">Bytes written so far in this attempt.</param>
/// <param name="TotalBytes">The size the server announced, when it did.</param>
public readonly record struct DownloadProgress(Uri Url, int Attempt, long BytesReceived, long? TotalBytes);
