using System;

namespace VideoSeg.Models.Foreground;

/// <summary>
/// Eigen-decomposition of a small real symmetric matrix by the cyclic Jacobi method, in double precision. The
/// matrices here are K×K with K the number of GWM masks (4), where Jacobi is exact to rounding and needs no
/// library.
/// </summary>
internal static class SymmetricEigenSolver
{
    private const int MaxSweeps = 100;

    /// <summary>
    /// The eigenvalues in ascending order and the unit eigenvectors as the columns of <c>Vectors</c>, in the same
    /// order. <paramref name="matrix"/> must be square and symmetric; it is not modified.
    /// </summary>
    internal static (double[] Values, double[,] Vectors) Decompose(double[,] matrix)
    {
        int n = matrix.GetLength(0);
        double[,] a = (double[,])matrix.Clone();
        double[,] v = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            v[i, i] = 1;
        }

        for (int sweep = 0; sweep < MaxSweeps; sweep++)
        {
            double offDiagonal = 0;
            for (int p = 0; p < n; p++)
            {
                for (int q = p + 1; q < n; q++)
                {
                    offDiagonal += a[p, q] * a[p, q];
                }
            }

            if (offDiagonal < 1e-300)
            {
                break;
            }

            for (int p = 0; p < n; p++)
            {
                for (int q = p + 1; q < n; q++)
                {
                    if (a[p, q] == 0)
                    {
                        continue;
                    }

                    // The classical stable rotation (Golub & Van Loan, Algorithm 8.4.1): t is the smaller root.
                    double theta = (a[q, q] - a[p, p]) / (2 * a[p, q]);
                    double t = Math.Sign(theta == 0 ? 1 : theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                    double c = 1 / Math.Sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < n; k++)
                    {
                        double akp = a[k, p];
                        double akq = a[k, q];
                        a[k, p] = c * akp - s * akq;
                        a[k, q] = s * akp + c * akq;
                    }

                    for (int k = 0; k < n; k++)
                    {
                        double apk = a[p, k];
                        double aqk = a[q, k];
                        a[p, k] = c * apk - s * aqk;
                        a[q, k] = s * apk + c * aqk;
                    }

                    for (int k = 0; k < n; k++)
                    {
                        double vkp = v[k, p];
                        double vkq = v[k, q];
                        v[k, p] = c * vkp - s * vkq;
                        v[k, q] = s * vkp + c * vkq;
                    }
                }
            }
        }

        int[] order = new int[n];
        double[] diagonal = new double[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
            diagonal[i] = a[i, i];
        }

        Array.Sort((double[])diagonal.Clone(), order);
        double[] values = new double[n];
        double[,] vectors = new double[n, n];
        for (int j = 0; j < n; j++)
        {
            values[j] = diagonal[order[j]];
            for (int i = 0; i < n; i++)
            {
                vectors[i, j] = v[i, order[j]];
            }
        }

        return (values, vectors);
    }
}
