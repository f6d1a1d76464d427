namespace VideoSeg.Cli.Infrastructure;

/// <summary>The CLI's documented exit codes.</summary>
public static class ExitCodes
{
    /// <summary>The command succeeded, or its stage was already up to date.</summary>
    public const int Success = 0;

    /// <summary>The command line could not be parsed.</summary>
    public const int Usage = 1;

    /// <summary>A VideoSeg error: bad input, a failed stage or a baseline mismatch.</summary>
    public const int Failure = 2;

    /// <summary><c>--check</c>: the stage (or shard) is not up to date and would run.</summary>
    public const int OutOfDate = 3;

    /// <summary>The run was cancelled (Ctrl+C or SIGTERM).</summary>
    public const int Cancelled = 130;
}
