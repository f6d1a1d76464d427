using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using VideoSeg.Core;
using VideoSeg.Core.Formats;
using VideoSeg.Core.Imaging;
using VideoSeg.Flow.Estimation;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Flow.Tests.Estimation;

public sealed class FlyingChairsBenchmarkTests
{
    [Fact]
    public void A_missing_folder_is_reported()
    {
        using var temp = new TempDirectory();
        string folder = temp.Combine("absent");

        var error = Assert.Throws<VideoSegException>(() => FlyingChairsBenchmark.Run(folder, new TvL1FlowEstimator(), CancellationToken.None));

        Assert.Equal(ErrorCodes.MissingFile, error.Code);
        Assert.Equal(folder, error.Path);
    }

    [Fact]
    public void A_folder_without_pairs_is_reported()
    {
        using var temp = new TempDirectory();

        var error = Assert.Throws<VideoSegException>(() => FlyingChairsBenchmark.Run(temp.Path, new TvL1FlowEstimator(), CancellationToken.None));

        Assert.Equal(ErrorCodes.MissingFile, error.Code);
    }

    [Fact]
    public void A_pair_missing_its_second_image_is_reported()
    {
        using var temp = new TempDirectory();
        WritePpm(temp.Combine("0000000-img0.ppm"), 4, 3);
        File.WriteAllBytes(temp.Combine("0000000-gt.flo"), FloFormat.Encode(new FlowField(4, 3)));

        var error = Assert.Throws<VideoSegException>(() => FlyingChairsBenchmark.Run(temp.Path, new TvL1FlowEstimator(), CancellationToken.None));

        Assert.Equal(ErrorCodes.MissingFile, error.Code);
        Assert.Equal(temp.Combine("0000000-img1.ppm"), error.Path);
    }

    [Fact]
    public void Scores_each_pair_against_its_ground_truth()
    {
        using var temp = new TempDirectory();
        WritePpm(temp.Combine("0000000-img0.ppm"), 4, 3);
        WritePpm(temp.Combine("0000000-img1.ppm"), 4, 3);
        var truth = new FlowField(4, 3);
        Array.Fill(truth.Data, 2f);
        File.WriteAllBytes(temp.Combine("0000000-gt.flo"), FloFormat.Encode(truth));

        FlowBenchmarkResult result = FlyingChairsBenchmark.Run(temp.Path, new ZeroFlowEstimator(), CancellationToken.None);

        FlowBenchmarkPair pair = Assert.Single(result.Pairs);
        Assert.Equal("0000000", pair.Name);
        Assert.Equal(Math.Sqrt(8), pair.MeanEndPointError, 5);
        Assert.Equal(Math.Sqrt(8), result.MeanEndPointError, 5);
        Assert.Equal("zero", result.Estimator);
    }

    private static void WritePpm(string path, int width, int height)
    {
        using var stream = File.Create(path);
        byte[] header = System.Text.Encoding.ASCII.GetBytes($"P6\n{width} {height}\n255\n");
        stream.Write(header);
        stream.Write(new byte[width * height * 3]);
    }

    private sealed class ZeroFlowEstimator : IFlowEstimator
    {
        public string Name => "zero";

        public IReadOnlyList<FlowField> Estimate(IReadOnlyList<RgbImage> sources, IReadOnlyList<RgbImage> targets, CancellationToken cancellationToken)
        {
            var flows = new List<FlowField>();
            foreach (RgbImage source in sources)
            {
                flows.Add(new FlowField(source.Width, source.Height));
            }

            return flows;
        }
    }
}
