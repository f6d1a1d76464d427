using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using VideoSeg.Core;
using VideoSeg.Core.Pipeline;
using VideoSeg.Flow.Import;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Flow.Tests.Import;

public sealed class FloFolderImporterTests
{
    private static readonly string[] s_stems = ["00000", "00001", "00002", "00003"];

    [Fact]
    public void Each_gap_reads_the_flows_named_by_their_source_frame()
    {
        using var temp = new TempDirectory();
        WriteFlows(temp.Path, [1, -1, 2], width: 6, height: 4);

        IReadOnlyList<GapFlows> gaps = new FloFolderImporter(temp.Path, new FlowImportOptions(6, 4))
            .ImportSequence("seq", s_stems, CancellationToken.None, [1, -1, 2]);

        Assert.Equal([1, -1, 2], [gaps[0].Gap, gaps[1].Gap, gaps[2].Gap]);
        Assert.Equal(["00000", "00001", "00002"], gaps[0].SourceStems);
        Assert.Equal(["00001", "00002", "00003"], gaps[1].SourceStems);
        Assert.Equal(["00000", "00001"], gaps[2].SourceStems);
        Assert.Equal(102f, gaps[0].Flows[2].U(0, 0));
        Assert.Equal(-101f, gaps[1].Flows[0].U(0, 0));
        Assert.Equal(201f, gaps[2].Flows[1].U(0, 0));
    }

    [Fact]
    public void The_default_gaps_are_plus_and_minus_one()
    {
        using var temp = new TempDirectory();
        WriteFlows(temp.Path, [1, -1], width: 6, height: 4);

        IReadOnlyList<GapFlows> gaps = new FloFolderImporter(temp.Path, new FlowImportOptions(6, 4)).ImportSequence("seq", s_stems, CancellationToken.None);

        Assert.Equal([1, -1], [gaps[0].Gap, gaps[1].Gap]);
    }

    [Theory]
    [InlineData(FlowRescaling.ScaleDisplacements, 51f, 1.5f)]
    [InlineData(FlowRescaling.KeepDisplacements, 102f, 3f)]
    public void Flows_are_resampled_to_the_target_size(FlowRescaling rescaling, float expectedU, float expectedV)
    {
        using var temp = new TempDirectory();
        WriteFlows(temp.Path, [1], width: 6, height: 4);

        GapFlows forward = new FloFolderImporter(temp.Path, new FlowImportOptions(3, 2, rescaling))
            .ImportSequence("seq", s_stems, CancellationToken.None, [1])[0];

        Assert.Equal(3, forward.Flows[2].Width);
        Assert.Equal(2, forward.Flows[2].Height);
        Assert.Equal(expectedU, forward.Flows[2].U(1, 1), 4);
        Assert.Equal(expectedV, forward.Flows[2].V(1, 1), 4);
    }

    [Fact]
    public void A_missing_flow_file_is_named()
    {
        using var temp = new TempDirectory();
        WriteFlows(temp.Path, [1, -1], width: 6, height: 4);
        string missing = DatasetLayout.FlowPath(temp.Path, -1, "seq", "00002");
        File.Delete(missing);

        var error = Assert.Throws<VideoSegException>(() => new FloFolderImporter(temp.Path, new FlowImportOptions(6, 4)).ImportSequence("seq", s_stems, CancellationToken.None));

        Assert.Equal(ErrorCodes.MissingFile, error.Code);
        Assert.Equal(missing, error.Path);
        Assert.Contains("00002 → 00001", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_gap_folder_is_a_layout_error()
    {
        using var temp = new TempDirectory();
        WriteFlows(temp.Path, [1], width: 6, height: 4);

        var error = Assert.Throws<VideoSegException>(() => new FloFolderImporter(temp.Path, new FlowImportOptions(6, 4)).ImportSequence("seq", s_stems, CancellationToken.None));

        Assert.Equal(ErrorCodes.BadLayout, error.Code);
        Assert.Contains("Flows_gap-1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_corrupt_flo_file_is_reported()
    {
        using var temp = new TempDirectory();
        WriteFlows(temp.Path, [1], width: 6, height: 4);
        File.WriteAllBytes(DatasetLayout.FlowPath(temp.Path, 1, "seq", "00001"), new byte[20]);

        var error = Assert.Throws<VideoSegException>(() => new FloFolderImporter(temp.Path, new FlowImportOptions(6, 4)).ImportSequence("seq", s_stems, CancellationToken.None, [1]));

        Assert.Equal(ErrorCodes.CorruptFlow, error.Code);
    }

    [Fact]
    public void Flows_of_another_size_give_one_warning_per_gap_naming_the_first_file()
    {
        using var temp = new TempDirectory();
        WriteFlows(temp.Path, [1, -1], width: 6, height: 4);
        var warnings = new List<VideoSegWarning>();

        new FloFolderImporter(temp.Path, new FlowImportOptions(3, 2)) { Warning = warnings.Add }
            .ImportSequence("seq", s_stems, CancellationToken.None);

        Assert.Equal(2, warnings.Count);
        Assert.All(warnings, w => Assert.Equal(ErrorCodes.FlowResized, w.Code));
        Assert.Equal(DatasetLayout.FlowPath(temp.Path, 1, "seq", "00000"), warnings[0].Path);
        Assert.Equal(DatasetLayout.FlowPath(temp.Path, -1, "seq", "00001"), warnings[1].Path);
        Assert.Contains("3 of 3 flows of sequence 'seq' for gap 1", warnings[0].Message, StringComparison.Ordinal);
        Assert.Contains("6×4", warnings[0].Message, StringComparison.Ordinal);
        Assert.Contains("working size 3×2", warnings[0].Message, StringComparison.Ordinal);
        Assert.Contains("rescaled", warnings[0].Message, StringComparison.Ordinal);
        Assert.StartsWith(warnings[0].Path + ": warning VSEG2008: ", warnings[0].ToDiagnosticString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_resized_flows_are_counted_and_kept_displacements_are_said_so()
    {
        using var temp = new TempDirectory();
        WriteFlows(temp.Path, [1], width: 6, height: 4);
        string odd = DatasetLayout.FlowPath(temp.Path, 1, "seq", "00001");
        FlowFiles.WriteFlo(odd, FlowFiles.Constant(12, 8, 1, 1));
        var warnings = new List<VideoSegWarning>();

        new FloFolderImporter(temp.Path, new FlowImportOptions(6, 4, FlowRescaling.KeepDisplacements)) { Warning = warnings.Add }
            .ImportSequence("seq", s_stems, CancellationToken.None, [1]);

        VideoSegWarning warning = Assert.Single(warnings);
        Assert.Equal(odd, warning.Path);
        Assert.Contains("1 of 3 flows", warning.Message, StringComparison.Ordinal);
        Assert.Contains("12×8", warning.Message, StringComparison.Ordinal);
        Assert.Contains("kept as stored", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flows_at_the_working_size_give_no_warning()
    {
        using var temp = new TempDirectory();
        WriteFlows(temp.Path, [1, -1], width: 6, height: 4);
        var warnings = new List<VideoSegWarning>();

        new FloFolderImporter(temp.Path, new FlowImportOptions(6, 4)) { Warning = warnings.Add }
            .ImportSequence("seq", s_stems, CancellationToken.None);

        Assert.Empty(warnings);
    }

    [Fact]
    public void A_working_size_beyond_the_bound_is_an_invalid_argument()
    {
        var error = Assert.Throws<VideoSegException>(() => new FloFolderImporter("flows", new FlowImportOptions(100_000, 128)));

        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
        Assert.Contains("8192", error.Message, StringComparison.Ordinal);
    }

    // The flow from frame t with gap g has u = 100·|g| + t·sign(g), v = 3·sign(g).
    private static void WriteFlows(string root, int[] gaps, int width, int height)
    {
        foreach (int gap in gaps)
        {
            for (int t = 0; t < s_stems.Length; t++)
            {
                if (t + gap >= 0 && t + gap < s_stems.Length)
                {
                    float u = Math.Sign(gap) * ((100 * Math.Abs(gap)) + t);
                    FlowFiles.WriteFlo(DatasetLayout.FlowPath(root, gap, "seq", s_stems[t]), FlowFiles.Constant(width, height, u, 3 * Math.Sign(gap)));
                }
            }
        }
    }
}
