using System;
using System.IO;
using System.Linq;
using System.Threading;
using VideoSeg.Core;
using VideoSeg.Core.IO;
using VideoSeg.Core.Pipeline;
using VideoSeg.Data.Sequences;
using VideoSeg.Data.Synthetic;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Data.Tests.Synthetic;

public sealed class SyntheticSuiteGeneratorTests : IClassFixture<SyntheticSuiteFixture>
{
    private static readonly SyntheticSuiteOptions s_tiny = new() { Sequences = 5, MinFrames = 3, MaxFrames = 5, Width = 64, Height = 48, Seed = 5 };

    private readonly SyntheticSuiteFixture _suite;

    public SyntheticSuiteGeneratorTests(SyntheticSuiteFixture suite)
    {
        _suite = suite;
    }

    [Fact]
    public void The_same_options_give_byte_identical_suites()
    {
        using var again = new TempDirectory();
        SyntheticSuiteGenerator.Generate(again.Path, SyntheticSuiteFixture.Options);

        Assert.Equal(ContentHash.OfDirectory(_suite.Root), ContentHash.OfDirectory(again.Path));
    }

    [Fact]
    public void A_different_seed_gives_a_different_suite()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        SyntheticSuiteGenerator.Generate(first.Path, s_tiny);
        SyntheticSuiteGenerator.Generate(second.Path, s_tiny with { Seed = 6 });

        Assert.NotEqual(ContentHash.OfDirectory(first.Path), ContentHash.OfDirectory(second.Path));
        string frame = Path.Combine("JPEGImages", "480p", SyntheticSuiteGenerator.SequenceName(0), "00000.png");
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(first.Path, frame)), File.ReadAllBytes(Path.Combine(second.Path, frame)));
    }

    [Fact]
    public void Regenerating_into_a_used_folder_gives_the_same_tree_as_a_fresh_one()
    {
        using var used = new TempDirectory();
        using var fresh = new TempDirectory();
        SyntheticSuiteGenerator.Generate(used.Path, s_tiny with { Sequences = 7, MinFrames = 6, MaxFrames = 8, Seed = 9 });
        SyntheticSuiteGenerator.Generate(used.Path, s_tiny);
        SyntheticSuiteGenerator.Generate(fresh.Path, s_tiny);

        Assert.Equal(ContentHash.ListFiles(fresh.Path), ContentHash.ListFiles(used.Path));
        Assert.Equal(ContentHash.OfDirectory(fresh.Path), ContentHash.OfDirectory(used.Path));
    }

    [Fact]
    public void The_suite_has_the_davis_layout_with_flows_and_visibility_for_every_gap()
    {
        var layout = new DatasetLayout(_suite.Root);
        var names = layout.ReadSequences();

        Assert.Equal(_suite.Manifest.Sequences.Select(s => s.Name), names);
        foreach (SyntheticSequenceInfo info in _suite.Manifest.Sequences)
        {
            VideoSequence sequence = SequenceReader.Open(layout, info.Name, requireAnnotations: true);
            Assert.Equal(info.Frames, sequence.Count);
            Assert.InRange(info.Frames, SyntheticSuiteFixture.Options.MinFrames, SyntheticSuiteFixture.Options.MaxFrames);
            Assert.Equal((224, 128), (sequence.Width, sequence.Height));
            Assert.All(sequence.FramePaths, p => Assert.EndsWith(".png", p, StringComparison.Ordinal));
            var masks = SequenceReader.ReadMasks(sequence);
            Assert.Contains(masks, m => m.CountForeground() > 100);
            foreach (int gap in SyntheticSuiteGenerator.FlowGaps)
            {
                string flows = Path.Combine(layout.GroundTruthFlowsRoot, DatasetLayout.FlowFolderName(gap), info.Name);
                string visibility = Path.Combine(layout.GroundTruthOcclusionsRoot, $"Occlusions_gap{gap}", info.Name);
                Assert.Equal(info.Frames - Math.Abs(gap), Directory.GetFiles(flows, "*.flo").Length);
                Assert.Equal(info.Frames - Math.Abs(gap), Directory.GetFiles(visibility, "*.png").Length);
                string firstSource = (gap > 0 ? 0 : -gap).ToString("D5");
                Assert.True(File.Exists(DatasetLayout.FlowPath(layout.GroundTruthFlowsRoot, gap, info.Name, firstSource)));
            }
        }
    }

    [Fact]
    public void Five_sequences_cover_every_scene_kind_and_the_manifest_reads_back()
    {
        SyntheticSuiteManifest read = SyntheticSuiteManifest.Read(Path.Combine(_suite.Root, SyntheticSuiteGenerator.ManifestFileName));

        Assert.Equal(Enum.GetValues<SyntheticSceneKind>(), read.Sequences.Select(s => s.Kind).Order());
        Assert.Equal(SyntheticSuiteFixture.Options, read.Options);
        Assert.Equal(_suite.Manifest.ToJson(), read.ToJson());
        Assert.All(read.Sequences, s => Assert.Single(s.Objects, o => o.InGroundTruth));
        Assert.Contains(read.Sequences.SelectMany(s => s.Objects), o => o.Role == "shadow" && !o.InGroundTruth && o.AttachedTo == "main");
        Assert.Contains(read.Sequences.SelectMany(s => s.Objects), o => o.Role == "occluder");
        Assert.True(read.Sequences.Single(s => s.Kind == SyntheticSceneKind.LookAlikes).Objects.Count(o => o.Role == "look-alike") >= 2);
    }

    [Fact]
    public void The_second_round_of_effect_scenes_uses_reflections()
    {
        Assert.Equal("synth-01-shadow", SyntheticSuiteGenerator.SequenceName(1));
        Assert.Equal("synth-06-reflection", SyntheticSuiteGenerator.SequenceName(6));
        Assert.Equal("synth-09-stop-and-go", SyntheticSuiteGenerator.SequenceName(9));
    }

    [Fact]
    public void Progress_is_reported_once_per_sequence()
    {
        using var temp = new TempDirectory();
        var progress = new RecordingProgress<SyntheticProgress>();

        SyntheticSuiteManifest manifest = SyntheticSuiteGenerator.Generate(temp.Path, s_tiny with { Sequences = 3 }, progress);

        Assert.Equal([1, 2, 3], progress.Reports.Select(r => r.SequencesDone));
        Assert.All(progress.Reports, r => Assert.Equal(3, r.SequenceCount));
        Assert.Equal(manifest.Sequences.Select(s => s.Frames), progress.Reports.Select(r => r.Frames));
    }

    [Fact]
    public void A_cancelled_token_stops_generation()
    {
        using var temp = new TempDirectory();
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => SyntheticSuiteGenerator.Generate(temp.Path, s_tiny, null, cancellation.Token));
        Assert.False(File.Exists(Path.Combine(temp.Path, SyntheticSuiteGenerator.ManifestFileName)));
    }

    public static TheoryData<SyntheticSuiteOptions> InvalidOptions() =>
    [
        new SyntheticSuiteOptions { Sequences = 0 },
        new SyntheticSuiteOptions { MinFrames = 2 },
        new SyntheticSuiteOptions { MinFrames = 40, MaxFrames = 39 },
        new SyntheticSuiteOptions { MaxFrames = 100000 },
        new SyntheticSuiteOptions { Width = 31 },
        new SyntheticSuiteOptions { Height = 5000 },
    ];

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Invalid_options_are_rejected_before_anything_is_written(SyntheticSuiteOptions options)
    {
        using var temp = new TempDirectory();

        var error = Assert.Throws<VideoSegException>(() => SyntheticSuiteGenerator.Generate(temp.Path, options));

        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Fact]
    public void The_default_options_are_valid()
    {
        var options = new SyntheticSuiteOptions();
        options.Validate();

        Assert.Equal((10, 30, 60, 128, 224, 42), (options.Sequences, options.MinFrames, options.MaxFrames, options.Height, options.Width, options.Seed));
    }
}
