using System;
using VideoSeg.Data.Synthetic;
using VideoSeg.TestUtilities;

namespace VideoSeg.Data.Tests.Synthetic;

/// <summary>One small suite (every scene kind once, full frame size, short sequences) shared by the tests that only read it.</summary>
public sealed class SyntheticSuiteFixture : IDisposable
{
    private readonly TempDirectory _directory = new();

    public SyntheticSuiteFixture()
    {
        Manifest = SyntheticSuiteGenerator.Generate(_directory.Path, Options);
    }

    public static SyntheticSuiteOptions Options { get; } = new() { Sequences = 5, MinFrames = 10, MaxFrames = 12, Seed = 11 };

    public string Root => _directory.Path;

    public SyntheticSuiteManifest Manifest { get; }

    public void Dispose() => _directory.Dispose();
}
