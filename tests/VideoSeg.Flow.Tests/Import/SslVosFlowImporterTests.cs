using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using VideoSeg.Core;
using VideoSeg.Flow.Import;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Flow.Tests.Import;

public sealed class SslVosFlowImporterTests
{
    private static readonly string[] s_stems = ["00000", "00001", "00002"];

    [Fact]
    public void Forward_flows_bear_the_earlier_frame_and_reverse_flows_the_later_frame()
    {
        using var temp = new TempDirectory();
        WriteSequence(temp.Path, width: 8, height: 4);
        SslVosFlowImporter importer = SslVosFlowImporter.ForDataset(temp.Path, new FlowImportOptions(8, 4));

        IReadOnlyList<GapFlows> gaps = importer.ImportSequence("seq", s_stems, CancellationToken.None);

        Assert.Equal(2, gaps.Count);
        GapFlows forward = gaps[0];
        Assert.Equal(1, forward.Gap);
        Assert.Equal(["00000", "00001"], forward.SourceStems);
        Assert.Equal(10f, forward.Flows[0].U(3, 2));
        Assert.Equal(11f, forward.Flows[1].U(3, 2));

        // The reverse flow 1 → 0 is the file reverse/00001.npy, and 2 → 1 is reverse/00002.npy.
        GapFlows backward = gaps[1];
        Assert.Equal(-1, backward.Gap);
        Assert.Equal(["00001", "00002"], backward.SourceStems);
        Assert.Equal(-21f, backward.Flows[0].U(3, 2));
        Assert.Equal(-22f, backward.Flows[1].U(3, 2));
    }

    [Fact]
    public void Displacements_are_scaled_with_the_resolution_by_default()
    {
        using var temp = new TempDirectory();
        WriteSequence(temp.Path, width: 8, height: 4);
        SslVosFlowImporter importer = SslVosFlowImporter.ForDataset(temp.Path, new FlowImportOptions(16, 12));

        GapFlows forward = importer.ImportSequence("seq", s_stems, CancellationToken.None)[0];

        Assert.Equal(16, forward.Flows[0].Width);
        Assert.Equal(12, forward.Flows[0].Height);
        Assert.Equal(20f, forward.Flows[0].U(5, 7), 4);
        Assert.Equal(1.5f, forward.Flows[0].V(5, 7), 4);
    }

    [Fact]
    public void The_papers_behaviour_keeps_the_stored_displacements()
    {
        using var temp = new TempDirectory();
        WriteSequence(temp.Path, width: 8, height: 4);
        SslVosFlowImporter importer = SslVosFlowImporter.ForDataset(temp.Path, new FlowImportOptions(16, 12, FlowRescaling.KeepDisplacements));

        GapFlows forward = importer.ImportSequence("seq", s_stems, CancellationToken.None)[0];

        Assert.Equal(16, forward.Flows[0].Width);
        Assert.Equal(10f, forward.Flows[0].U(5, 7), 4);
        Assert.Equal(0.5f, forward.Flows[0].V(5, 7), 4);
    }

    [Fact]
    public void A_missing_reverse_flow_names_the_later_frames_file()
    {
        using var temp = new TempDirectory();
        WriteSequence(temp.Path, width: 8, height: 4);
        SslVosFlowImporter importer = SslVosFlowImporter.ForDataset(temp.Path, new FlowImportOptions(8, 4));
        string missing = importer.ReversePath("seq", "00002");
        File.Delete(missing);

        var error = Assert.Throws<VideoSegException>(() => importer.ImportSequence("seq", s_stems, CancellationToken.None));

        Assert.Equal(ErrorCodes.MissingFile, error.Code);
        Assert.Equal(missing, error.Path);
        Assert.Contains("00002 → 00001", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_forward_flow_is_reported()
    {
        using var temp = new TempDirectory();
        SslVosFlowImporter importer = SslVosFlowImporter.ForDataset(temp.Path, new FlowImportOptions(8, 4));

        var error = Assert.Throws<VideoSegException>(() => importer.ImportSequence("seq", s_stems, CancellationToken.None));

        Assert.Equal(ErrorCodes.MissingFile, error.Code);
        Assert.Equal(Path.Combine(temp.Path, "flow_1_arflow_cityscapes_percentile_90", "seq", "00000.npy"), error.Path);
    }

    [Fact]
    public void A_malformed_npy_file_is_reported()
    {
        using var temp = new TempDirectory();
        WriteSequence(temp.Path, width: 8, height: 4);
        SslVosFlowImporter importer = SslVosFlowImporter.ForDataset(temp.Path, new FlowImportOptions(8, 4));
        File.WriteAllBytes(importer.ForwardPath("seq", "00001"), [1, 2, 3]);

        var error = Assert.Throws<VideoSegException>(() => importer.ImportSequence("seq", s_stems, CancellationToken.None));

        Assert.Equal(ErrorCodes.CorruptNpy, error.Code);
    }

    // Forward flow of frame t: u = 10 + t, v = 0.5; reverse flow stored under frame t: u = -(20 + t), v = -0.5.
    [Fact]
    public void Flows_of_another_size_give_one_warning_per_direction_naming_the_first_file()
    {
        using var temp = new TempDirectory();
        WriteSequence(temp.Path, width: 8, height: 4);
        var warnings = new List<VideoSegWarning>();
        SslVosFlowImporter importer = SslVosFlowImporter.ForDataset(temp.Path, new FlowImportOptions(16, 12), warning: warnings.Add);

        importer.ImportSequence("seq", s_stems, CancellationToken.None);

        Assert.Equal(2, warnings.Count);
        Assert.Equal(importer.ForwardPath("seq", s_stems[0]), warnings[0].Path);
        Assert.Equal(importer.ReversePath("seq", s_stems[1]), warnings[1].Path);
        Assert.All(warnings, w => Assert.Equal(ErrorCodes.FlowResized, w.Code));
        Assert.All(warnings, w => Assert.Contains("8×4", w.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Flows_at_the_working_size_give_no_warning()
    {
        using var temp = new TempDirectory();
        WriteSequence(temp.Path, width: 8, height: 4);
        var warnings = new List<VideoSegWarning>();

        SslVosFlowImporter.ForDataset(temp.Path, new FlowImportOptions(8, 4), warning: warnings.Add).ImportSequence("seq", s_stems, CancellationToken.None);

        Assert.Empty(warnings);
    }

    private static void WriteSequence(string root, int width, int height)
    {
        for (int t = 0; t < s_stems.Length; t++)
        {
            if (t < s_stems.Length - 1)
            {
                FlowFiles.WriteNpy(Path.Combine(root, "flow_1_arflow_cityscapes_percentile_90", "seq", s_stems[t] + ".npy"), FlowFiles.Constant(width, height, 10 + t, 0.5f));
            }

            if (t > 0)
            {
                FlowFiles.WriteNpy(Path.Combine(root, "flow_reverse_1_arflow_cityscapes_percentile_90", "seq", s_stems[t] + ".npy"), FlowFiles.Constant(width, height, -(20 + t), -0.5f));
            }
        }
    }
}
