using System;
using VideoSeg.Core.Pipeline;
using VideoSeg.Data.Synthetic;
using VideoSeg.TestUtilities;

namespace VideoSeg.Models.Tests.Training;

/// <summary>A 3-sequence, 6–8-frame, 48×64 synthetic suite with its ground-truth flows, generated once per test class.</summary>
public sealed class TinySuiteFixture : IDisposable
{
    private readonly TempDirectory _directory = new();

    public TinySuiteFixture()
    {
        SyntheticSuiteGenerator.Generate(_directory.Path, new SyntheticSuiteOptions { Sequences = 3, MinFrames = 6, MaxFrames = 8, Height = 48, Width = 64, Seed = 7 });
        Layout = new DatasetLayout(_directory.Path);
    }

    public DatasetLayout Layout { get; }

    public string FlowsRoot => Layout.GroundTruthFlowsRoot;

    public void Dispose() => _directory.Dispose();
}
