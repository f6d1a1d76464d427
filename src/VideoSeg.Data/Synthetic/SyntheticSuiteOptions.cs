using VideoSeg.Core;

namespace VideoSeg.Data.Synthetic;

/// <summary>What the synthetic suite generator makes; identical options give byte-identical suites.</summary>
public sealed record SyntheticSuiteOptions
{
    /// <summary>The number of sequences (scene kinds cycle through <see cref="SyntheticSceneKind"/>).</summary>
    public int Sequences { get; init; } = 10;

    /// <summary>The fewest frames a sequence has (at least 3, so that gap-2 flows exist).</summary>
    public int MinFrames { get; init; } = 30;

    /// <summary>The most frames a sequence has.</summary>
    public int MaxFrames { get; init; } = 60;

    /// <summary>Frame height in pixels.</summary>
    public int Height { get; init; } = 128;

    /// <summary>Frame width in pixels.</summary>
    public int Width { get; init; } = 224;

    /// <summary>The seed every random choice derives from.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Checks every value; a bad one is <see cref="ErrorCodes.InvalidArgument"/> naming the option and its allowed range.</summary>
    public void Validate()
    {
        if (Sequences is < 1 or > 1000)
        {
            throw Invalid(nameof(Sequences), Sequences, "1 to 1000");
        }

        if (MinFrames is < 3 or > 99999)
        {
            throw Invalid(nameof(MinFrames), MinFrames, "3 to 99999 (gap-2 flows need 3 frames; stems have 5 digits)");
        }

        if (MaxFrames < MinFrames || MaxFrames > 99999)
        {
            throw Invalid(nameof(MaxFrames), MaxFrames, $"{MinFrames} (MinFrames) to 99999");
        }

        if (Width is < 32 or > 4096)
        {
            throw Invalid(nameof(Width), Width, "32 to 4096 pixels");
        }

        if (Height is < 32 or > 4096)
        {
            throw Invalid(nameof(Height), Height, "32 to 4096 pixels");
        }
    }

    private static VideoSegException Invalid(string name, int value, string allowed) =>
        new(ErrorCodes.InvalidArgument, $"synthetic suite option {name} = {value} is invalid: expected {allowed}");
}
