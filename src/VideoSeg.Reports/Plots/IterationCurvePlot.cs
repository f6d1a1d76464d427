using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using ScottPlot;
using VideoSeg.Core;
using VideoSeg.Core.IO;
using VideoSeg.Reports.Fonts;

namespace VideoSeg.Reports.Plots;

/// <summary>
/// Draws the Figure 7 analogue: mean J (×100) against the number of iterative-warping steps,
/// one line per dataset and series, at a fixed pixel size, with the repository's font on every
/// piece of text.
/// </summary>
public static class IterationCurvePlot
{
    // ScottPlot renders through shared static state (font cache, resolvers); one plot at a time.
    private static readonly Lock s_renderLock = new();

    /// <summary>Atomically writes the figure as PNG to <paramref name="pngPath"/> and as SVG to <paramref name="svgPath"/>.</summary>
    /// <exception cref="VideoSegException">There are no points, or a point is not finite or has a negative iteration.</exception>
    public static void Write(
        string pngPath,
        string svgPath,
        IReadOnlyList<IterationCurvePoint> points,
        IterationCurvePlotOptions? options = null)
    {
        options ??= IterationCurvePlotOptions.Default;
        Validate(points, options);
        byte[] png;
        string svg;
        lock (s_renderLock)
        {
            using Plot plot = Build(points, options);
            png = plot.GetImage(options.Width, options.Height).GetImageBytes(ImageFormat.Png);
            svg = SvgIdentifiers.Normalize(plot.GetSvgXml(options.Width, options.Height));
        }

        AtomicFile.WriteAllBytes(pngPath, png);
        AtomicFile.WriteAllBytes(svgPath, Encoding.UTF8.GetBytes(svg));
    }

    private static void Validate(IReadOnlyList<IterationCurvePoint> points, IterationCurvePlotOptions options)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Height);
        if (points.Count == 0)
        {
            throw new VideoSegException(ErrorCodes.InvalidArgument, "the iteration curve needs at least one point");
        }

        foreach (IterationCurvePoint point in points)
        {
            if (point.Iteration < 0 || !double.IsFinite(point.MeanJ))
            {
                throw new VideoSegException(
                    ErrorCodes.InvalidArgument,
                    $"expected an iteration ≥ 0 and a finite mean J, got iteration {point.Iteration}, J {point.MeanJ} for {point.Dataset}/{point.Series}");
            }
        }
    }

    private static Plot Build(IReadOnlyList<IterationCurvePoint> points, IterationCurvePlotOptions options)
    {
        RepositoryFont.RegisterWithScottPlot();
        var plot = new Plot();

        // Series keep the order in which they first appear, so the caller decides the legend order.
        var series = points
            .GroupBy(p => (p.Dataset, p.Series))
            .Select(g => (g.Key, Points: g.OrderBy(p => p.Iteration).ToArray()));
        foreach (var (key, seriesPoints) in series)
        {
            double[] xs = seriesPoints.Select(p => (double)p.Iteration).ToArray();
            double[] ys = seriesPoints.Select(p => p.MeanJ * 100.0).ToArray();
            var scatter = plot.Add.Scatter(xs, ys);
            scatter.LegendText = string.IsNullOrEmpty(key.Series) ? key.Dataset : $"{key.Dataset}: {key.Series}";
            scatter.LineWidth = 2;
            scatter.MarkerSize = 7;
        }

        plot.Title(options.Title);
        plot.XLabel(options.XLabel);
        plot.YLabel("Mean J (×100)");
        int maxIteration = points.Max(p => p.Iteration);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(TickInterval(maxIteration));
        plot.Axes.SetLimitsX(-0.5, maxIteration + 0.5);
        // Outside the data area, so the legend never hides a curve.
        plot.ShowLegend(Edge.Bottom);

        // Every text element in the figure: title, axis labels, tick labels, legend.
        plot.Font.Set(RepositoryFont.ScottPlotFontName);
        plot.Legend.FontName = RepositoryFont.ScottPlotFontName;
        plot.Legend.FontSize = options.FontSize;
        plot.Axes.Title.Label.FontSize = options.FontSize * 1.3f;
        foreach (IAxis axis in plot.Axes.GetAxes())
        {
            axis.Label.FontName = RepositoryFont.ScottPlotFontName;
            axis.Label.FontSize = options.FontSize;
            axis.TickLabelStyle.FontName = RepositoryFont.ScottPlotFontName;
            axis.TickLabelStyle.FontSize = options.FontSize;
        }

        return plot;
    }

    /// <summary>
    /// The x-axis tick spacing: the smallest of 1, 2, 5, 10, 20, 50, … that puts at most 12 intervals on the axis,
    /// so a 100-step run is labelled 0, 10, 20 and not 0, 9, 18.
    /// </summary>
    internal static int TickInterval(int maxIteration)
    {
        for (long magnitude = 1; ; magnitude *= 10)
        {
            foreach (long step in new[] { magnitude, 2 * magnitude, 5 * magnitude })
            {
                if (step * 12 >= maxIteration || step >= int.MaxValue / 10)
                {
                    return (int)step;
                }
            }
        }
    }
}
