using System;

namespace VideoSeg.Data.Synthetic;

/// <summary>
/// The camera's motion over a sequence: smooth pan, rotation, zoom and a varying quadratic
/// distortion, each a slow drift plus a sinusoid so that it stays bounded over long sequences.
/// Pan and quadratic terms are in units of <see cref="Length"/> (half the larger image side).
/// </summary>
internal sealed class CameraMotion
{
    /// <summary>Image centre, x.</summary>
    public double CenterX { get; init; }

    /// <summary>Image centre, y.</summary>
    public double CenterY { get; init; }

    /// <summary>The normalising length in pixels.</summary>
    public double Length { get; init; } = 1;

    /// <summary>Pan drift per frame.</summary>
    public double PanRateX { get; init; }

    /// <summary>Pan drift per frame.</summary>
    public double PanRateY { get; init; }

    /// <summary>Pan oscillation amplitude.</summary>
    public double PanAmplitudeX { get; init; }

    /// <summary>Pan oscillation amplitude.</summary>
    public double PanAmplitudeY { get; init; }

    /// <summary>Pan oscillation angular frequency per frame.</summary>
    public double PanFrequency { get; init; }

    /// <summary>Pan oscillation phase.</summary>
    public double PanPhase { get; init; }

    /// <summary>Rotation amplitude in radians.</summary>
    public double RotationAmplitude { get; init; }

    /// <summary>Rotation angular frequency per frame.</summary>
    public double RotationFrequency { get; init; }

    /// <summary>Rotation phase.</summary>
    public double RotationPhase { get; init; }

    /// <summary>Log-zoom amplitude.</summary>
    public double ZoomAmplitude { get; init; }

    /// <summary>Zoom angular frequency per frame.</summary>
    public double ZoomFrequency { get; init; }

    /// <summary>Zoom phase.</summary>
    public double ZoomPhase { get; init; }

    /// <summary>Quadratic coefficients (x: u², uv, v²; y: u², uv, v²), modulated over time.</summary>
    public double[] Quadratic { get; init; } = new double[6];

    /// <summary>Quadratic modulation angular frequency per frame.</summary>
    public double QuadraticFrequency { get; init; }

    /// <summary>Quadratic modulation phase.</summary>
    public double QuadraticPhase { get; init; }

    /// <summary>The camera map at frame <paramref name="t"/>.</summary>
    public CameraFrame At(double t)
    {
        double rotation = RotationAmplitude * Math.Sin((RotationFrequency * t) + RotationPhase);
        double zoom = Math.Exp(ZoomAmplitude * Math.Sin((ZoomFrequency * t) + ZoomPhase));
        double panX = (PanRateX * t) + (PanAmplitudeX * Math.Sin((PanFrequency * t) + PanPhase));
        double panY = (PanRateY * t) + (PanAmplitudeY * Math.Sin((PanFrequency * 0.8 * t) + (PanPhase * 1.7)));
        double m = 0.6 + (0.4 * Math.Sin((QuadraticFrequency * t) + QuadraticPhase));
        return new CameraFrame(
            CenterX, CenterY, Length, rotation, zoom, panX, panY,
            m * Quadratic[0], m * Quadratic[1], m * Quadratic[2], m * Quadratic[3], m * Quadratic[4], m * Quadratic[5]);
    }
}
