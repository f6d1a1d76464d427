namespace VideoSeg.Data.Tests.Acquisition;

/// <summary>What <see cref="LoopbackHttpServer"/> answers to one request.</summary>
/// <param name="Status">The HTTP status code.</param>
/// <param name="Body">The body bytes to send.</param>
public sealed record LoopbackResponse(int Status, byte[] Body)
{
    /// <summary>The Content-Length to announce; null announces the body's length. Larger than the body: a truncated response.</summary>
    public long? DeclaredLength { get; init; }

    /// <summary>When set, the server sends this many body bytes and then stalls until it is stopped.</summary>
    public int? StallAfterBytes { get; init; }

    /// <summary>When set, a Retry-After header in seconds.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>A 200 with <paramref name="body"/>.</summary>
    public static LoopbackResponse Ok(byte[] body) => new(200, body);

    /// <summary>A body-less error status.</summary>
    public static LoopbackResponse Error(int status) => new(status, []);
}
