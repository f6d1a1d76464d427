using System;

namespace VideoSeg.Data.Synthetic;

/// <summary>A 2-D affine map: x' = A·x + B·y + Tx, y' = C·x + D·y + Ty.</summary>
internal readonly record struct Affine2(double A, double B, double C, double D, double Tx, double Ty)
{
    /// <summary>Maps the point (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public void Apply(double x, double y, out double outX, out double outY)
    {
        outX = (A * x) + (B * y) + Tx;
        outY = (C * x) + (D * y) + Ty;
    }

    /// <summary>The inverse map; the linear part must be invertible.</summary>
    public Affine2 Inverse()
    {
        double determinant = (A * D) - (B * C);
        if (Math.Abs(determinant) < 1e-12)
        {
            throw new InvalidOperationException("singular affine map");
        }

        double a = D / determinant;
        double b = -B / determinant;
        double c = -C / determinant;
        double d = A / determinant;
        return new Affine2(a, b, c, d, -((a * Tx) + (b * Ty)), -((c * Tx) + (d * Ty)));
    }

    /// <summary>The map "first <paramref name="inner"/>, then this".</summary>
    public Affine2 After(Affine2 inner) => new(
        (A * inner.A) + (B * inner.C),
        (A * inner.B) + (B * inner.D),
        (C * inner.A) + (D * inner.C),
        (C * inner.B) + (D * inner.D),
        (A * inner.Tx) + (B * inner.Ty) + Tx,
        (C * inner.Tx) + (D * inner.Ty) + Ty);
}
