using System;
using VideoSeg.Core;
using VideoSeg.Models.Foreground;
using Xunit;

namespace VideoSeg.Models.Tests.Foreground;

public sealed class SpectralBipartitionTests
{
    // Masks 0 and 2 look alike, 1 and 3 look alike, the groups barely touch.
    private static readonly double[,] s_twoGroups =
    {
        { 1.0, 0.05, 0.9, 0.1 },
        { 0.05, 1.0, 0.1, 0.8 },
        { 0.9, 0.1, 1.0, 0.05 },
        { 0.1, 0.8, 0.05, 1.0 },
    };

    [Fact]
    public void TwoObviousGroupsAreSplitWithCanonicalLabels()
    {
        Assert.Equal(new[] { 0, 1, 0, 1 }, SpectralBipartition.Labels(s_twoGroups));
    }

    [Fact]
    public void LabelsAreDeterministicAndPointZeroIsInClusterZero()
    {
        double[,] swapped = Permute(s_twoGroups, [1, 0, 3, 2]);
        Assert.Equal(new[] { 0, 1, 0, 1 }, SpectralBipartition.Labels(swapped));
        Assert.Equal(SpectralBipartition.Labels(swapped), SpectralBipartition.Labels(swapped));
    }

    [Fact]
    public void EmbeddingSolvesTheNormalisedLaplacianAndIsSignFixed()
    {
        double[,] embedding = SpectralBipartition.Embed(s_twoGroups);
        int n = 4;
        double[] sqrtDegree = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                sqrtDegree[i] += i == j ? 0 : s_twoGroups[i, j];
            }

            sqrtDegree[i] = Math.Sqrt(sqrtDegree[i]);
        }

        double previous = double.NegativeInfinity;
        for (int c = 0; c < 2; c++)
        {
            // x = D^½ u is a unit eigenvector of L = I − D^-½ A D^-½ (diagonal of A ignored, as scipy does).
            double[] x = new double[n];
            for (int i = 0; i < n; i++)
            {
                x[i] = embedding[i, c] * sqrtDegree[i];
            }

            double norm = 0;
            double lambda = 0;
            double[] lx = new double[n];
            for (int i = 0; i < n; i++)
            {
                lx[i] = x[i];
                for (int j = 0; j < n; j++)
                {
                    lx[i] -= i == j ? 0 : s_twoGroups[i, j] / (sqrtDegree[i] * sqrtDegree[j]) * x[j];
                }

                norm += x[i] * x[i];
                lambda += x[i] * lx[i];
            }

            Assert.Equal(1.0, norm, 10);
            for (int i = 0; i < n; i++)
            {
                Assert.Equal(lambda * x[i], lx[i], 10);
            }

            Assert.True(lambda >= previous - 1e-12, "eigenvalues ascend");
            previous = lambda;

            int largest = 0;
            for (int i = 1; i < n; i++)
            {
                largest = Math.Abs(embedding[i, c]) > Math.Abs(embedding[largest, c]) ? i : largest;
            }

            Assert.True(embedding[largest, c] > 0, "the entry of largest magnitude is positive after the sign flip");
        }

        // The first eigenvalue of a connected graph is 0 and its embedding constant (u = D^-½ D^½ 1 / |D^½ 1|).
        Assert.Equal(embedding[0, 0], embedding[3, 0], 10);
        Assert.Equal(embedding[1, 0], embedding[2, 0], 10);
    }

    [Fact]
    public void BestPartitionMinimisesInertia()
    {
        double[,] points = { { 0.0 }, { 10.0 }, { 1.0 }, { 11.5 }, { 2.0 } };
        Assert.Equal(new[] { 0, 1, 0, 1, 0 }, SpectralBipartition.BestPartition(points));

        // A lone outlier is its own cluster when that beats every other split.
        double[,] outlier = { { 5.0 }, { 5.1 }, { 4.9 }, { -20.0 } };
        Assert.Equal(new[] { 0, 0, 0, 1 }, SpectralBipartition.BestPartition(outlier));
    }

    [Fact]
    public void RejectsBadAffinities()
    {
        Assert.Throws<VideoSegException>(() => SpectralBipartition.Labels(new double[1, 1]));
        Assert.Throws<VideoSegException>(() => SpectralBipartition.Labels(new double[2, 3]));
        Assert.Throws<VideoSegException>(() => SpectralBipartition.Labels(new double[,] { { 1, -0.5 }, { -0.5, 1 } }));
        Assert.Throws<VideoSegException>(() => SpectralBipartition.Labels(new double[,] { { 1, double.NaN }, { double.NaN, 1 } }));
    }

    private static double[,] Permute(double[,] matrix, int[] order)
    {
        int n = order.Length;
        double[,] result = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                result[i, j] = matrix[order[i], order[j]];
            }
        }

        return result;
    }
}
