using System;
using VideoSeg.Core;

namespace VideoSeg.Models.Foreground;

/// <summary>
/// A port, for a handful of points, of what GWM's <c>MaskMerger.spectral</c> calls:
/// <c>sklearn.cluster.SpectralClustering(n_clusters=2, affinity='precomputed', random_state=0).fit(A)</c>.
/// <list type="number">
/// <item><c>check_symmetric</c>: A is replaced by (A + Aᵀ) / 2 (a no-op for a symmetric A).</item>
/// <item><c>spectral_embedding(A, n_components=2, drop_first=False, norm_laplacian=True)</c>: scipy's
/// <c>csgraph.laplacian(normed=True)</c> zeroes the diagonal of A, takes d = √(row sums) (1 for an isolated
/// node) and L = I − D^-½ A D^-½; the eigenvectors of the two smallest eigenvalues of L (sklearn finds them by
/// ARPACK in shift-invert mode; here by Jacobi, exact for symmetric matrices), unit-norm, smallest first, each
/// divided by d, then <c>_deterministic_vector_sign_flip</c> (each vector multiplied by the sign of its entry of
/// largest magnitude, the first such entry on ties). Row i of the result embeds point i.</item>
/// <item><c>assign_labels='kmeans'</c>: sklearn runs <c>k_means(embedding, 2, random_state=0, n_init=10)</c> with
/// k-means++ seeding drawn from numpy's Mersenne Twister and keeps the lowest inertia. Here every 2-partition is
/// tried and the one of lowest inertia (sum of squared distances to the cluster means) kept, which is the global
/// optimum k-means is after; for K = 4 points and 10 restarts sklearn reaches it in practice, so the partitions
/// agree. Ties go to the first partition in enumeration order.</item>
/// </list>
/// Difference from sklearn: the numbering. sklearn's cluster ids follow its random seeding; here they are
/// canonical: point 0 is always in cluster 0. Consumers that only compare the two merged masks (the oracle, the
/// corner rule) do not depend on the numbering. Eigenvectors of a repeated eigenvalue are not unique; sklearn and
/// this port may then pick different bases, and so different partitions.
/// </summary>
public static class SpectralBipartition
{
    /// <summary>The most points the exhaustive search accepts (2^(K−1) partitions).</summary>
    public const int MaxPoints = 20;

    /// <summary>
    /// The cluster label (0 or 1) of every point, for a K×K non-negative affinity matrix, 2 ≤ K ≤ <see cref="MaxPoints"/>.
    /// Point 0 always has label 0.
    /// </summary>
    public static int[] Labels(double[,] affinity)
    {
        double[,] embedding = Embed(affinity);
        return BestPartition(embedding);
    }

    /// <summary>
    /// sklearn's <c>spectral_embedding(affinity, n_components=2, drop_first=False)</c>: a K×2 array whose column 0
    /// is the (sign-fixed) embedding of the smallest eigenvalue of the normalised Laplacian and column 1 that of
    /// the second smallest.
    /// </summary>
    public static double[,] Embed(double[,] affinity)
    {
        ArgumentNullException.ThrowIfNull(affinity);
        int n = affinity.GetLength(0);
        if (affinity.GetLength(1) != n || n < 2 || n > MaxPoints)
        {
            throw new VideoSegException(
                ErrorCodes.InvalidArgument,
                $"the affinity must be a square K×K matrix with 2 ≤ K ≤ {MaxPoints}, got {affinity.GetLength(0)}×{affinity.GetLength(1)}");
        }

        double[,] symmetric = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double value = 0.5 * (affinity[i, j] + affinity[j, i]);
                if (!double.IsFinite(value) || value < 0)
                {
                    throw new VideoSegException(ErrorCodes.InvalidArgument, $"affinities must be finite and non-negative, got {value} at ({i}, {j})");
                }

                symmetric[i, j] = i == j ? 0 : value;
            }
        }

        double[] sqrtDegree = new double[n];
        for (int i = 0; i < n; i++)
        {
            double degree = 0;
            for (int j = 0; j < n; j++)
            {
                degree += symmetric[i, j];
            }

            sqrtDegree[i] = degree == 0 ? 1 : Math.Sqrt(degree);
        }

        double[,] laplacian = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                laplacian[i, j] = i == j ? 1 : -symmetric[i, j] / (sqrtDegree[i] * sqrtDegree[j]);
            }
        }

        (_, double[,] vectors) = SymmetricEigenSolver.Decompose(laplacian);
        double[,] embedding = new double[n, 2];
        for (int component = 0; component < 2; component++)
        {
            int largest = 0;
            for (int i = 0; i < n; i++)
            {
                embedding[i, component] = vectors[i, component] / sqrtDegree[i];
                if (Math.Abs(embedding[i, component]) > Math.Abs(embedding[largest, component]))
                {
                    largest = i;
                }
            }

            double sign = Math.Sign(embedding[largest, component]);
            for (int i = 0; i < n; i++)
            {
                embedding[i, component] *= sign;
            }
        }

        return embedding;
    }

    /// <summary>
    /// The 2-partition of the rows of <paramref name="points"/> (N×D) with the lowest k-means inertia, as labels
    /// with point 0 in cluster 0; both clusters are non-empty.
    /// </summary>
    public static int[] BestPartition(double[,] points)
    {
        ArgumentNullException.ThrowIfNull(points);
        int n = points.GetLength(0);
        int dims = points.GetLength(1);
        if (n < 2 || n > MaxPoints)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, $"expected 2 to {MaxPoints} points, got {n}");
        }

        int bestMask = 0;
        double bestInertia = double.PositiveInfinity;

        // Bit i of mask set = point i in cluster 1; point 0 never is, so each partition is visited once.
        for (int mask = 2; mask < 1 << n; mask += 2)
        {
            double inertia = Inertia(points, dims, mask, 0) + Inertia(points, dims, mask, 1);
            if (inertia < bestInertia)
            {
                bestInertia = inertia;
                bestMask = mask;
            }
        }

        int[] labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = (bestMask >> i) & 1;
        }

        return labels;
    }

    private static double Inertia(double[,] points, int dims, int mask, int cluster)
    {
        int n = points.GetLength(0);
        double[] mean = new double[dims];
        int count = 0;
        for (int i = 0; i < n; i++)
        {
            if (((mask >> i) & 1) == cluster)
            {
                count++;
                for (int d = 0; d < dims; d++)
                {
                    mean[d] += points[i, d];
                }
            }
        }

        double inertia = 0;
        for (int i = 0; i < n; i++)
        {
            if (((mask >> i) & 1) == cluster)
            {
                for (int d = 0; d < dims; d++)
                {
                    double delta = points[i, d] - (mean[d] / count);
                    inertia += delta * delta;
                }
            }
        }

        return inertia;
    }
}
