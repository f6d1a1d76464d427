using System;

namespace VideoSeg.Data.Synthetic;

/// <summary>An object's outline in its own coordinates (centred at the origin, in pixels at scale 1).</summary>
internal sealed class ObjectShape
{
    private ObjectShape(ShapeKind kind, double halfWidth, double halfHeight, double detail, int lobes, double phase)
    {
        Kind = kind;
        HalfWidth = halfWidth;
        HalfHeight = halfHeight;
        Detail = detail;
        Lobes = lobes;
        Phase = phase;
    }

    /// <summary>The outline family.</summary>
    public ShapeKind Kind { get; }

    /// <summary>Half the extent along x (for a blob: the mean radius).</summary>
    public double HalfWidth { get; }

    /// <summary>Half the extent along y (for a blob: the largest radius).</summary>
    public double HalfHeight { get; }

    /// <summary>Corner radius of a rounded rectangle, or relative lobe depth of a blob.</summary>
    public double Detail { get; }

    /// <summary>Number of lobes of a blob.</summary>
    public int Lobes { get; }

    /// <summary>Angular phase of a blob's lobes.</summary>
    public double Phase { get; }

    /// <summary>The radius of a circle around the origin that holds the whole shape.</summary>
    public double BoundingRadius => Kind == ShapeKind.Blob ? HalfWidth * (1 + Detail) : Math.Sqrt((HalfWidth * HalfWidth) + (HalfHeight * HalfHeight));

    /// <summary>An ellipse with the given semi-axes.</summary>
    public static ObjectShape Ellipse(double radiusX, double radiusY) => new(ShapeKind.Ellipse, radiusX, radiusY, 0, 0, 0);

    /// <summary>A rounded rectangle with the given half extents and corner radius.</summary>
    public static ObjectShape RoundedRectangle(double halfWidth, double halfHeight, double cornerRadius) =>
        new(ShapeKind.RoundedRectangle, halfWidth, halfHeight, Math.Min(cornerRadius, Math.Min(halfWidth, halfHeight)), 0, 0);

    /// <summary>A blob of mean radius <paramref name="radius"/> with <paramref name="lobes"/> lobes of relative depth <paramref name="depth"/>.</summary>
    public static ObjectShape Blob(double radius, double depth, int lobes, double phase) =>
        new(ShapeKind.Blob, radius, radius * (1 + depth), depth, lobes, phase);

    /// <summary>Whether the point lies inside the outline (boundary included).</summary>
    public bool Contains(double x, double y)
    {
        switch (Kind)
        {
            case ShapeKind.Ellipse:
                double ex = x / HalfWidth;
                double ey = y / HalfHeight;
                return (ex * ex) + (ey * ey) <= 1;
            case ShapeKind.RoundedRectangle:
                double ax = Math.Abs(x);
                double ay = Math.Abs(y);
                if (ax > HalfWidth || ay > HalfHeight)
                {
                    return false;
                }

                double dx = Math.Max(ax - (HalfWidth - Detail), 0);
                double dy = Math.Max(ay - (HalfHeight - Detail), 0);
                return (dx * dx) + (dy * dy) <= Detail * Detail;
            default:
                double r2 = (x * x) + (y * y);
                double outer = HalfWidth * (1 + Detail);
                if (r2 > outer * outer)
                {
                    return false;
                }

                double radius = HalfWidth * (1 + (Detail * Math.Sin((Lobes * Math.Atan2(y, x)) + Phase)));
                return r2 <= radius * radius;
        }
    }

    /// <summary>A short name for the manifest.</summary>
    public string Describe() => Kind switch
    {
        ShapeKind.Ellipse => "ellipse",
        ShapeKind.RoundedRectangle => "rounded-rectangle",
        _ => $"blob-{Lobes}",
    };
}
