using System;

namespace VideoSeg.Data.Synthetic;

/// <summary>
/// The camera's world-to-image map at one instant: x = c + L·(M·u + τ + q(u)) with u = (w − c)/L,
/// M a rotation and zoom, τ a pan and q a quadratic term (the "quadratic background motion").
/// The forward map is explicit; the inverse is solved by Newton's method, which converges to
/// rounding error in a few steps because q is small.
/// </summary>
internal readonly struct CameraFrame
{
    private readonly double _centerX;
    private readonly double _centerY;
    private readonly double _length;
    private readonly double _m00;
    private readonly double _m01;
    private readonly double _m10;
    private readonly double _m11;
    private readonly double _panX;
    private readonly double _panY;
    private readonly double _qxx;
    private readonly double _qxy;
    private readonly double _qyy;
    private readonly double _rxx;
    private readonly double _rxy;
    private readonly double _ryy;

    /// <summary>Creates the map from its parameters (q's x component is qxx·u² + qxy·u·v + qyy·v², y's likewise with r).</summary>
    public CameraFrame(double centerX, double centerY, double length, double rotation, double zoom, double panX, double panY, double qxx, double qxy, double qyy, double rxx, double rxy, double ryy)
    {
        _centerX = centerX;
        _centerY = centerY;
        _length = length;
        double cos = Math.Cos(rotation) * zoom;
        double sin = Math.Sin(rotation) * zoom;
        _m00 = cos;
        _m01 = -sin;
        _m10 = sin;
        _m11 = cos;
        _panX = panX;
        _panY = panY;
        _qxx = qxx;
        _qxy = qxy;
        _qyy = qyy;
        _rxx = rxx;
        _rxy = rxy;
        _ryy = ryy;
    }

    /// <summary>Maps world point w to image point x.</summary>
    public void Forward(double worldX, double worldY, out double imageX, out double imageY)
    {
        double u = (worldX - _centerX) / _length;
        double v = (worldY - _centerY) / _length;
        Normalised(u, v, out double fx, out double fy);
        imageX = _centerX + (_length * fx);
        imageY = _centerY + (_length * fy);
    }

    /// <summary>Maps image point x back to the world point the camera shows there.</summary>
    public void Inverse(double imageX, double imageY, out double worldX, out double worldY)
    {
        double targetX = ((imageX - _centerX) / _length) - _panX;
        double targetY = ((imageY - _centerY) / _length) - _panY;
        double determinant = (_m00 * _m11) - (_m01 * _m10);
        double u = ((_m11 * targetX) - (_m01 * targetY)) / determinant;
        double v = ((-_m10 * targetX) + (_m00 * targetY)) / determinant;
        targetX += _panX;
        targetY += _panY;
        for (int iteration = 0; iteration < 12; iteration++)
        {
            Normalised(u, v, out double fx, out double fy);
            double rx = fx - targetX;
            double ry = fy - targetY;
            double j00 = _m00 + (2 * _qxx * u) + (_qxy * v);
            double j01 = _m01 + (_qxy * u) + (2 * _qyy * v);
            double j10 = _m10 + (2 * _rxx * u) + (_rxy * v);
            double j11 = _m11 + (_rxy * u) + (2 * _ryy * v);
            double det = (j00 * j11) - (j01 * j10);
            double du = ((j11 * rx) - (j01 * ry)) / det;
            double dv = ((-j10 * rx) + (j00 * ry)) / det;
            u -= du;
            v -= dv;
            if (Math.Abs(du) + Math.Abs(dv) < 1e-14)
            {
                break;
            }
        }

        worldX = _centerX + (_length * u);
        worldY = _centerY + (_length * v);
    }

    private void Normalised(double u, double v, out double fx, out double fy)
    {
        fx = (_m00 * u) + (_m01 * v) + _panX + (_qxx * u * u) + (_qxy * u * v) + (_qyy * v * v);
        fy = (_m10 * u) + (_m11 * v) + _panY + (_rxx * u * u) + (_rxy * u * v) + (_ryy * v * v);
    }
}
