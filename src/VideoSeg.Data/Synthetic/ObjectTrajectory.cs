using System;

namespace VideoSeg.Data.Synthetic;

/// <summary>
/// An object's pose in world coordinates over time: an affine map from the object's own
/// coordinates (centred on the object, in pixels at scale 1) built from a translation, rotation,
/// anisotropic scale and shear, each a drift plus a sinusoid. An optional stop holds the pose
/// still between <see cref="StopStart"/> and <see cref="StopEnd"/>, after which the motion resumes.
/// </summary>
internal sealed record ObjectTrajectory
{
    /// <summary>Centre at time 0 (before the sinusoid), x.</summary>
    public double CenterX { get; init; }

    /// <summary>Centre at time 0 (before the sinusoid), y.</summary>
    public double CenterY { get; init; }

    /// <summary>Drift per frame, x.</summary>
    public double VelocityX { get; init; }

    /// <summary>Drift per frame, y.</summary>
    public double VelocityY { get; init; }

    /// <summary>Oscillation amplitude, x.</summary>
    public double AmplitudeX { get; init; }

    /// <summary>Oscillation amplitude, y.</summary>
    public double AmplitudeY { get; init; }

    /// <summary>Oscillation angular frequency per frame, x.</summary>
    public double FrequencyX { get; init; }

    /// <summary>Oscillation angular frequency per frame, y.</summary>
    public double FrequencyY { get; init; }

    /// <summary>Oscillation phase, x.</summary>
    public double PhaseX { get; init; }

    /// <summary>Oscillation phase, y.</summary>
    public double PhaseY { get; init; }

    /// <summary>Initial rotation in radians.</summary>
    public double Rotation { get; init; }

    /// <summary>Rotation per frame in radians.</summary>
    public double RotationRate { get; init; }

    /// <summary>Base scale.</summary>
    public double Scale { get; init; } = 1;

    /// <summary>Relative scale oscillation amplitude.</summary>
    public double ScaleAmplitude { get; init; }

    /// <summary>Relative aspect oscillation amplitude (x grows as y shrinks).</summary>
    public double AspectAmplitude { get; init; }

    /// <summary>Shear oscillation amplitude.</summary>
    public double ShearAmplitude { get; init; }

    /// <summary>Angular frequency per frame of the scale, aspect and shear oscillations.</summary>
    public double DeformFrequency { get; init; }

    /// <summary>Phase of the scale, aspect and shear oscillations.</summary>
    public double DeformPhase { get; init; }

    /// <summary>The frame at which the object stops; no stop when not before <see cref="StopEnd"/>.</summary>
    public double StopStart { get; init; }

    /// <summary>The frame at which the object moves again.</summary>
    public double StopEnd { get; init; }

    /// <summary>A pose that never changes: the object is still in the world and moves only with the camera.</summary>
    public static ObjectTrajectory Still(double x, double y, double rotation, double scale) =>
        new() { CenterX = x, CenterY = y, Rotation = rotation, Scale = scale };

    /// <summary>The object-to-world map at frame <paramref name="t"/>.</summary>
    public Affine2 PoseAt(double t)
    {
        double tau = t;
        if (StopEnd > StopStart && t > StopStart)
        {
            tau = t < StopEnd ? StopStart : t - (StopEnd - StopStart);
        }

        double x = CenterX + (VelocityX * tau) + (AmplitudeX * Math.Sin((FrequencyX * tau) + PhaseX));
        double y = CenterY + (VelocityY * tau) + (AmplitudeY * Math.Sin((FrequencyY * tau) + PhaseY));
        double theta = Rotation + (RotationRate * tau);
        double deform = (DeformFrequency * tau) + DeformPhase;
        double scale = Scale * (1 + (ScaleAmplitude * Math.Sin(deform)));
        double aspect = 1 + (AspectAmplitude * Math.Sin((1.3 * deform) + 1));
        double shear = ShearAmplitude * Math.Sin((0.7 * deform) + 2);
        double sx = scale * aspect;
        double sy = scale / aspect;
        double cos = Math.Cos(theta);
        double sin = Math.Sin(theta);
        return new Affine2(cos * sx, (cos * shear * sy) - (sin * sy), sin * sx, (sin * shear * sy) + (cos * sy), x, y);
    }
}
