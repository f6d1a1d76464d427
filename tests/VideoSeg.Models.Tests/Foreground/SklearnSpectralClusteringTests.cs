using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using VideoSeg.Models.Foreground;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Models.Tests.Foreground;

/// <summary>
/// Compares <see cref="SpectralBipartition"/> with the scikit-learn code GWM calls, where /usr/bin/python3 has
/// scikit-learn (Debian: python3-sklearn); skipped otherwise.
/// </summary>
public sealed class SklearnSpectralClusteringTests
{
    private const string Python = "/usr/bin/python3";

    private const string Script = """
        import sys, warnings
        import numpy as np
        from sklearn.cluster import SpectralClustering
        from sklearn.manifold import spectral_embedding
        from scipy.sparse.csgraph import laplacian
        warnings.simplefilter("ignore")
        rows = [list(map(float, line.split())) for line in open(sys.argv[1]) if line.strip()]
        for row in rows:
            k = int(round(len(row) ** 0.5))
            a = np.array(row).reshape(k, k)
            labels = SpectralClustering(n_clusters=2, affinity="precomputed", random_state=0).fit(a).labels_
            emb = spectral_embedding(a, n_components=2, random_state=0, drop_first=False)
            eig = np.linalg.eigvalsh(laplacian(a, normed=True))
            gap = eig[2] - eig[1] if k > 2 else 1.0
            print(" ".join(str(int(l)) for l in labels), "|", " ".join(repr(float(v)) for v in emb.ravel()), "|", repr(float(gap)))
        """;

    [SkippableFact]
    public void LabelsMatchSklearnOnRandomCosineAffinities()
    {
        Skip.IfNot(HasSklearn(), $"{Python} with scikit-learn is absent (apt-get install python3-sklearn)");

        // GWM's affinities: cosines of K = 4 pooled feature vectors, clamped at 1e-6; a few K = 3 and 6 too.
        var random = new Random(1234);
        var matrices = Enumerable.Range(0, 300).Select(i => RandomAffinity(random, i % 10 == 0 ? 3 : i % 10 == 1 ? 6 : 4)).ToList();
        using var temp = new TempDirectory();
        string input = temp.Combine("affinities.txt");
        File.WriteAllLines(input, matrices.Select(m => string.Join(' ', m.Cast<double>().Select(v => v.ToString("R", CultureInfo.InvariantCulture)))));
        string script = temp.Combine("sklearn_spectral.py");
        File.WriteAllText(script, Script);
        string[] lines = Run(script, input).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(matrices.Count, lines.Length);

        int samePartition = 0;
        int degenerate = 0;
        var differences = new StringBuilder();
        for (int i = 0; i < matrices.Count; i++)
        {
            string[] parts = lines[i].Split('|');
            int[] expected = parts[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
            double[] expectedEmbedding = parts[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            // A repeated second eigenvalue leaves the embedding undefined up to a rotation; both codes are right.
            if (double.Parse(parts[2], CultureInfo.InvariantCulture) < 1e-6)
            {
                degenerate++;
                continue;
            }

            double[,] embedding = SpectralBipartition.Embed(matrices[i]);
            double worst = 0;
            for (int p = 0; p < expectedEmbedding.Length; p++)
            {
                worst = Math.Max(worst, Math.Abs(expectedEmbedding[p] - embedding[p / 2, p % 2]) / Math.Max(1, Math.Abs(expectedEmbedding[p])));
            }

            if (worst > 1e-6)
            {
                differences.AppendLine(CultureInfo.InvariantCulture, $"matrix {i}: embedding differs by {worst}: sklearn {parts[1]}, ours {string.Join(" ", embedding.Cast<double>())}; A {string.Join(" ", matrices[i].Cast<double>())}");
            }

            // Same partition up to the cluster numbering (sklearn's follows its k-means++ draws).
            int[] actual = SpectralBipartition.Labels(matrices[i]);
            int[] canonical = expected.Select(l => l ^ expected[0]).ToArray();
            if (canonical.SequenceEqual(actual))
            {
                samePartition++;
            }
            else
            {
                differences.AppendLine(CultureInfo.InvariantCulture, $"matrix {i}: sklearn {string.Join(",", expected)}, ours {string.Join(",", actual)}");
            }
        }

        Assert.True(degenerate < matrices.Count / 20, $"{degenerate} degenerate affinities of {matrices.Count}");
        Assert.True(differences.Length == 0 && samePartition == matrices.Count - degenerate, differences.ToString());
    }

    private static double[,] RandomAffinity(Random random, int k)
    {
        const int dims = 6;
        double[][] vectors = Enumerable.Range(0, k).Select(_ => Enumerable.Range(0, dims).Select(_ => random.NextDouble() - 0.3).ToArray()).ToArray();
        double[,] affinity = new double[k, k];
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                double dot = vectors[i].Zip(vectors[j], (a, b) => a * b).Sum();
                double norms = Math.Sqrt(vectors[i].Sum(a => a * a)) * Math.Sqrt(vectors[j].Sum(b => b * b));
                affinity[i, j] = Math.Max(dot / norms, 1e-6);
            }
        }

        return affinity;
    }

    private static bool HasSklearn()
    {
        if (!File.Exists(Python))
        {
            return false;
        }

        try
        {
            using var process = Process.Start(new ProcessStartInfo(Python, ["-c", "import sklearn"]) { RedirectStandardError = true, RedirectStandardOutput = true });
            if (process is null)
            {
                return false;
            }

            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static string Run(string script, string input)
    {
        var info = new ProcessStartInfo(Python, [script, input]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {Python}");
        var errors = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{Python} failed: {errors.Result}");
        return output;
    }
}
