using System;
using VideoSeg.Core.Imaging;

namespace VideoSeg.Data.Synthetic;

/// <summary>
/// Renders frames and ground-truth motion of a <see cref="SyntheticScene"/> by exact inverse
/// mapping: each pixel centre is mapped back through the camera and through each object's pose,
/// front to back, and the first object whose outline contains the point is the one seen there.
/// Edges are hard (no anti-aliasing), so a pixel shows exactly one surface, and frame, mask,
/// flow and visibility agree pixel for pixel. Textures are sampled bilinearly.
/// </summary>
internal static class SceneRenderer
{
    /// <summary>Renders frame <paramref name="t"/>.</summary>
    public static FrameRender Render(SyntheticScene scene, int t)
    {
        int width = scene.Width;
        int height = scene.Height;
        int layerCount = scene.Layers.Count;
        CameraFrame camera = scene.Camera.At(t);
        var worldToObject = new Affine2[layerCount];
        for (int i = 0; i < layerCount; i++)
        {
            worldToObject[i] = scene.Layers[i].Trajectory.PoseAt(t).Inverse();
        }

        var worldToEffect = new Affine2[scene.Effects.Count];
        for (int e = 0; e < worldToEffect.Length; e++)
        {
            AttachedEffect effect = scene.Effects[e];
            worldToEffect[e] = effect.EffectToObject.Inverse().After(worldToObject[effect.LayerIndex]);
        }

        var rgb = new byte[width * height * 3];
        var mask = new byte[width * height];
        var surface = new int[width * height];
        var point = new double[width * height * 2];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int pixel = (y * width) + x;
                camera.Inverse(x, y, out double wx, out double wy);
                int hit = -1;
                double px = wx;
                double py = wy;
                for (int i = layerCount - 1; i >= 0; i--)
                {
                    worldToObject[i].Apply(wx, wy, out double ox, out double oy);
                    if (scene.Layers[i].Shape.Contains(ox, oy))
                    {
                        hit = i;
                        px = ox;
                        py = oy;
                        break;
                    }
                }

                double r;
                double g;
                double b;
                if (hit < 0)
                {
                    scene.Background.Sample(wx, wy, out r, out g, out b);
                }
                else
                {
                    SceneLayer layer = scene.Layers[hit];
                    layer.Texture.Sample(px + layer.TextureOffsetX, py + layer.TextureOffsetY, out r, out g, out b);
                }

                for (int e = 0; e < worldToEffect.Length; e++)
                {
                    AttachedEffect effect = scene.Effects[e];
                    if (hit >= effect.LayerIndex)
                    {
                        continue;
                    }

                    worldToEffect[e].Apply(wx, wy, out double ex, out double ey);
                    SceneLayer owner = scene.Layers[effect.LayerIndex];
                    if (!owner.Shape.Contains(ex, ey))
                    {
                        continue;
                    }

                    double keep = 1 - effect.Opacity;
                    if (effect.Kind == EffectKind.Shadow)
                    {
                        r *= keep;
                        g *= keep;
                        b *= keep;
                    }
                    else
                    {
                        owner.Texture.Sample(ex + owner.TextureOffsetX, ey + owner.TextureOffsetY, out double tr, out double tg, out double tb);
                        r = (keep * r) + (effect.Opacity * 0.85 * tr);
                        g = (keep * g) + (effect.Opacity * 0.85 * tg);
                        b = (keep * b) + (effect.Opacity * 0.85 * tb);
                    }
                }

                rgb[3 * pixel] = ToByte(r);
                rgb[(3 * pixel) + 1] = ToByte(g);
                rgb[(3 * pixel) + 2] = ToByte(b);
                mask[pixel] = hit == scene.MainLayerIndex ? (byte)1 : (byte)0;
                surface[pixel] = hit;
                point[2 * pixel] = px;
                point[(2 * pixel) + 1] = py;
            }
        }

        return new FrameRender
        {
            Image = new RgbImage(width, height, rgb),
            Mask = new BinaryMask(width, height, mask),
            Surface = surface,
            SurfacePoint = point,
        };
    }

    /// <summary>
    /// The ground-truth flow from frame <paramref name="t"/> to frame t + <paramref name="gap"/> and
    /// its visibility mask. Each pixel follows the surface point it shows (the front-most opaque layer)
    /// analytically to the target frame. It is visible (1) when it lands inside the target frame
    /// (0 ≤ x ≤ W−1, 0 ≤ y ≤ H−1, where bilinear sampling has data) and no layer in front of its own
    /// covers it there; otherwise 0. Translucent effects neither move nor occlude anything.
    /// </summary>
    public static (FlowField Flow, BinaryMask Visible) Flow(SyntheticScene scene, FrameRender source, int t, int gap)
    {
        int width = scene.Width;
        int height = scene.Height;
        int layerCount = scene.Layers.Count;
        int target = t + gap;
        CameraFrame camera = scene.Camera.At(target);
        var objectToWorld = new Affine2[layerCount];
        var worldToObject = new Affine2[layerCount];
        for (int i = 0; i < layerCount; i++)
        {
            objectToWorld[i] = scene.Layers[i].Trajectory.PoseAt(target);
            worldToObject[i] = objectToWorld[i].Inverse();
        }

        var flow = new float[width * height * 2];
        var visible = new byte[width * height];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int pixel = (y * width) + x;
                int hit = source.Surface[pixel];
                double px = source.SurfacePoint[2 * pixel];
                double py = source.SurfacePoint[(2 * pixel) + 1];
                double wx = px;
                double wy = py;
                if (hit >= 0)
                {
                    objectToWorld[hit].Apply(px, py, out wx, out wy);
                }

                camera.Forward(wx, wy, out double tx, out double ty);
                flow[2 * pixel] = (float)(tx - x);
                flow[(2 * pixel) + 1] = (float)(ty - y);
                bool seen = tx >= 0 && tx <= width - 1 && ty >= 0 && ty <= height - 1;
                for (int j = hit + 1; seen && j < layerCount; j++)
                {
                    worldToObject[j].Apply(wx, wy, out double ox, out double oy);
                    seen = !scene.Layers[j].Shape.Contains(ox, oy);
                }

                visible[pixel] = seen ? (byte)1 : (byte)0;
            }
        }

        return (new FlowField(width, height, flow), new BinaryMask(width, height, visible));
    }

    private static byte ToByte(double value) => (byte)Math.Clamp((int)Math.Round(value, MidpointRounding.AwayFromZero), 0, 255);
}
