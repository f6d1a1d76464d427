using System;
using System.Collections.Generic;

namespace VideoSeg.Data.Synthetic;

/// <summary>
/// Builds the scene of one sequence from its kind and seed. Sizes and speeds scale with the
/// frame size, so every resolution shows the same scene. All objects live in world coordinates,
/// which the camera maps to the image; an object that is still in the world therefore moves
/// with the background in the image.
/// </summary>
internal static class SceneFactory
{
    /// <summary>Builds the scene for sequence <paramref name="name"/>.</summary>
    public static SyntheticScene Create(string name, SyntheticSceneKind kind, int variant, long seed, SyntheticSuiteOptions options)
    {
        var random = new SeededRandom((ulong)seed);
        int frames = random.NextInt(options.MinFrames, options.MaxFrames + 1);
        int width = options.Width;
        int height = options.Height;
        double size = Math.Min(width, height);
        double centerX = (width - 1) / 2.0;
        double centerY = (height - 1) / 2.0;

        CameraMotion camera = CreateCamera(random, centerX, centerY, Math.Max(width, height) / 2.0);
        double hue = random.NextDouble();
        double[] backgroundA = Hsv(hue, random.Uniform(0.3, 0.6), random.Uniform(0.2, 0.4));
        double[] backgroundB = Hsv(hue + random.Uniform(0.05, 0.15), random.Uniform(0.25, 0.5), random.Uniform(0.65, 0.9));
        double[] backgroundAccent = Hsv(hue + 0.5, 0.5, 0.6);
        var backgroundStyle = (TextureStyle)random.NextInt(0, 3);
        ProceduralTexture background = ProceduralTexture.Create(random, 512, backgroundStyle, backgroundA, backgroundB, backgroundAccent);

        // The object shares one base colour family with the background, so colour alone does not separate them.
        double[] objectA = Hsv(hue + random.Uniform(0.02, 0.1), random.Uniform(0.35, 0.65), random.Uniform(0.3, 0.5));
        double[] objectB = Hsv(hue + random.Uniform(0.25, 0.75), random.Uniform(0.4, 0.7), random.Uniform(0.55, 0.9));
        double[] objectAccent = Hsv(random.NextDouble(), 0.6, 0.7);
        ProceduralTexture mainTexture = ProceduralTexture.Create(random, 128, (TextureStyle)random.NextInt(0, 3), objectA, objectB, objectAccent);

        var layers = new List<SceneLayer>();
        var effects = new List<AttachedEffect>();
        int mainIndex;
        string variantName = "default";
        double radius = size * random.Uniform(0.13, 0.19);
        switch (kind)
        {
            case SyntheticSceneKind.RigidAffine:
            {
                layers.Add(CreateStill(random, "static-1", "static", width, height, radius * random.Uniform(0.7, 1.0), hue));
                ObjectTrajectory motion = CreateMoving(random, centerX, centerY, width, height, speed: 1.0, deform: 1.0);
                layers.Add(Layer("main", "main", RandomShape(random, radius), motion, mainTexture, random, "affine: translation, rotation, scale, aspect and shear"));
                mainIndex = 1;
                break;
            }

            case SyntheticSceneKind.AttachedEffect:
            {
                ObjectTrajectory motion = CreateMoving(random, centerX, centerY - (0.1 * height), width, height, speed: 0.8, deform: 0.3) with
                {
                    RotationRate = random.Uniform(-0.006, 0.006),
                    AmplitudeY = height * random.Uniform(0.03, 0.06),
                };
                ObjectShape shape = RandomShape(random, radius * 0.9);
                layers.Add(Layer("main", "main", shape, motion, mainTexture, random, "affine: translation with slight rotation and scale"));
                mainIndex = 0;
                double halfHeight = shape.HalfHeight;
                if (variant % 2 == 0)
                {
                    variantName = "shadow";
                    double squash = random.Uniform(0.35, 0.5);
                    double shear = random.NextSign() * random.Uniform(0.3, 0.8);
                    effects.Add(new AttachedEffect
                    {
                        Name = "shadow",
                        Kind = EffectKind.Shadow,
                        LayerIndex = 0,
                        EffectToObject = new Affine2(1, shear * squash, 0, squash, 0.2 * shear * halfHeight, halfHeight * (0.85 + squash)),
                        Opacity = random.Uniform(0.45, 0.6),
                    });
                }
                else
                {
                    variantName = "reflection";
                    double squash = random.Uniform(0.6, 0.85);
                    effects.Add(new AttachedEffect
                    {
                        Name = "reflection",
                        Kind = EffectKind.Reflection,
                        LayerIndex = 0,
                        EffectToObject = new Affine2(1, 0, 0, -squash, 0, halfHeight * (1 + squash) + 1),
                        Opacity = random.Uniform(0.35, 0.5),
                    });
                }

                break;
            }

            case SyntheticSceneKind.LookAlikes:
            {
                int count = random.NextInt(3, 5);
                radius = size * random.Uniform(0.1, 0.14);
                ObjectShape shape = RandomShape(random, radius);
                double rotation = random.Uniform(-0.4, 0.4);
                mainIndex = random.NextInt(0, count);
                double slot = width / (double)count;
                double textureX = random.Uniform(0, 128);
                double textureY = random.Uniform(0, 128);
                SceneLayer? main = null;
                for (int i = 0; i < count; i++)
                {
                    double x = (slot * (i + 0.5)) + random.Uniform(-0.1, 0.1) * slot;
                    double y = centerY + random.Uniform(-0.2, 0.2) * height;
                    if (i == mainIndex)
                    {
                        ObjectTrajectory motion = new ObjectTrajectory
                        {
                            CenterX = x,
                            CenterY = y,
                            AmplitudeX = slot * random.Uniform(0.25, 0.4),
                            AmplitudeY = height * random.Uniform(0.08, 0.14),
                            FrequencyX = random.Uniform(0.06, 0.1),
                            FrequencyY = random.Uniform(0.05, 0.1),
                            PhaseX = random.Uniform(0, 2 * Math.PI),
                            PhaseY = random.Uniform(0, 2 * Math.PI),
                            Rotation = rotation,
                            RotationRate = random.NextSign() * random.Uniform(0.01, 0.02),
                        };
                        main = new SceneLayer
                        {
                            Name = "main",
                            Role = "main",
                            Shape = shape,
                            Trajectory = motion,
                            Texture = mainTexture,
                            TextureOffsetX = textureX,
                            TextureOffsetY = textureY,
                            MotionDescription = "translation and rotation; identical in shape and texture to the look-alikes",
                        };
                    }
                    else
                    {
                        layers.Add(new SceneLayer
                        {
                            Name = $"look-alike-{i}",
                            Role = "look-alike",
                            Shape = shape,
                            Trajectory = ObjectTrajectory.Still(x, y, rotation, 1),
                            Texture = mainTexture,
                            TextureOffsetX = textureX,
                            TextureOffsetY = textureY,
                            MotionDescription = "still in the world (moves only with the camera)",
                        });
                    }
                }

                // The moving instance is drawn in front of the still ones.
                layers.Add(main!);
                mainIndex = layers.Count - 1;
                break;
            }

            case SyntheticSceneKind.FastOcclusion:
            {
                ObjectTrajectory motion = CreateMoving(random, centerX, centerY, width, height, speed: 1.0, deform: 0.5) with
                {
                    AmplitudeX = width * random.Uniform(0.25, 0.3),
                    FrequencyX = random.Uniform(0.14, 0.2),
                    RotationRate = random.NextSign() * random.Uniform(0.03, 0.06),
                };
                layers.Add(Layer("main", "main", RandomShape(random, radius), motion, mainTexture, random, "fast: large, quick translation with rotation"));
                double direction = random.NextSign();
                double halfWidth = width * random.Uniform(0.04, 0.06);
                var occluderShape = ObjectShape.RoundedRectangle(halfWidth, height * random.Uniform(0.4, 0.55), halfWidth * 0.5);
                var occluderMotion = new ObjectTrajectory
                {
                    CenterX = direction > 0 ? -0.1 * width : 1.1 * width,
                    CenterY = centerY + (random.Uniform(-0.1, 0.1) * height),
                    VelocityX = direction * 1.2 * width / Math.Max(frames - 1, 1),
                    Rotation = random.Uniform(-0.25, 0.25),
                };
                double[] occluderA = Hsv(hue + random.Uniform(0.3, 0.7), random.Uniform(0.3, 0.6), random.Uniform(0.3, 0.5));
                double[] occluderB = Hsv(hue + random.Uniform(0.3, 0.7), random.Uniform(0.3, 0.6), random.Uniform(0.6, 0.85));
                ProceduralTexture occluderTexture = ProceduralTexture.Create(random, 128, TextureStyle.Stripes, occluderA, occluderB, backgroundAccent);
                layers.Add(Layer("occluder", "occluder", occluderShape, occluderMotion, occluderTexture, random, "sweeps across the frame in front of the main object"));
                mainIndex = 0;
                break;
            }

            default:
            {
                layers.Add(CreateStill(random, "static-1", "static", width, height, radius * random.Uniform(0.7, 1.0), hue));
                double stopStart = Math.Round(frames * random.Uniform(0.3, 0.4));
                double stopEnd = Math.Round(frames * random.Uniform(0.65, 0.75));
                ObjectTrajectory motion = CreateMoving(random, centerX, centerY, width, height, speed: 1.0, deform: 0.6) with
                {
                    StopStart = stopStart,
                    StopEnd = stopEnd,
                };
                layers.Add(Layer("main", "main", RandomShape(random, radius), motion, mainTexture, random, $"affine; still in the world from frame {stopStart:0} to {stopEnd:0}, then moves again"));
                mainIndex = 1;
                break;
            }
        }

        return new SyntheticScene
        {
            Name = name,
            Kind = kind,
            Variant = variantName,
            Seed = seed,
            FrameCount = frames,
            Width = width,
            Height = height,
            Camera = camera,
            Background = background,
            Layers = layers,
            Effects = effects,
            MainLayerIndex = mainIndex,
        };
    }

    /// <summary>The manifest entry of a scene.</summary>
    public static SyntheticSequenceInfo Describe(SyntheticScene scene)
    {
        var objects = new List<SyntheticObjectInfo>();
        for (int i = 0; i < scene.Layers.Count; i++)
        {
            SceneLayer layer = scene.Layers[i];
            objects.Add(new SyntheticObjectInfo(layer.Name, layer.Role, layer.Shape.Describe(), Math.Round(layer.Shape.BoundingRadius, 2), layer.MotionDescription, i == scene.MainLayerIndex, null));
        }

        foreach (AttachedEffect effect in scene.Effects)
        {
            SceneLayer owner = scene.Layers[effect.LayerIndex];
            string motion = effect.Kind == EffectKind.Shadow
                ? $"translucent darkening (opacity {effect.Opacity:0.00}) attached below its object"
                : $"translucent mirrored copy (opacity {effect.Opacity:0.00}) attached below its object";
            objects.Add(new SyntheticObjectInfo(effect.Name, effect.Kind == EffectKind.Shadow ? "shadow" : "reflection", owner.Shape.Describe(), Math.Round(owner.Shape.BoundingRadius, 2), motion, false, owner.Name));
        }

        return new SyntheticSequenceInfo(scene.Name, scene.Kind, scene.Variant, scene.FrameCount, scene.Seed, scene.Width, scene.Height, "pan, rotation, zoom and a varying quadratic distortion", objects);
    }

    private static CameraMotion CreateCamera(SeededRandom random, double centerX, double centerY, double length) => new()
    {
        CenterX = centerX,
        CenterY = centerY,
        Length = length,
        PanRateX = random.NextSign() * random.Uniform(0.002, 0.006),
        PanRateY = random.Uniform(-0.003, 0.003),
        PanAmplitudeX = random.Uniform(0.08, 0.15),
        PanAmplitudeY = random.Uniform(0.03, 0.06),
        PanFrequency = random.Uniform(0.06, 0.12),
        PanPhase = random.Uniform(0, 2 * Math.PI),
        RotationAmplitude = random.Uniform(0.01, 0.04),
        RotationFrequency = random.Uniform(0.03, 0.08),
        RotationPhase = random.Uniform(0, 2 * Math.PI),
        ZoomAmplitude = random.Uniform(0.02, 0.06),
        ZoomFrequency = random.Uniform(0.03, 0.08),
        ZoomPhase = random.Uniform(0, 2 * Math.PI),
        Quadratic =
        [
            random.Uniform(-0.03, 0.03), random.Uniform(-0.03, 0.03), random.Uniform(-0.03, 0.03),
            random.Uniform(-0.03, 0.03), random.Uniform(-0.03, 0.03), random.Uniform(-0.03, 0.03),
        ],
        QuadraticFrequency = random.Uniform(0.05, 0.1),
        QuadraticPhase = random.Uniform(0, 2 * Math.PI),
    };

    private static ObjectTrajectory CreateMoving(SeededRandom random, double centerX, double centerY, int width, int height, double speed, double deform) => new()
    {
        CenterX = centerX + (random.Uniform(-0.1, 0.1) * width),
        CenterY = centerY + (random.Uniform(-0.08, 0.08) * height),
        AmplitudeX = width * random.Uniform(0.15, 0.22),
        AmplitudeY = height * random.Uniform(0.06, 0.12),
        FrequencyX = speed * random.Uniform(0.05, 0.1),
        FrequencyY = speed * random.Uniform(0.05, 0.12),
        PhaseX = random.Uniform(0, 2 * Math.PI),
        PhaseY = random.Uniform(0, 2 * Math.PI),
        Rotation = random.Uniform(-0.3, 0.3),
        RotationRate = random.NextSign() * random.Uniform(0.01, 0.03),
        ScaleAmplitude = deform * random.Uniform(0.08, 0.18),
        AspectAmplitude = deform * random.Uniform(0.05, 0.12),
        ShearAmplitude = deform * random.Uniform(0.1, 0.25),
        DeformFrequency = random.Uniform(0.05, 0.1),
        DeformPhase = random.Uniform(0, 2 * Math.PI),
    };

    private static SceneLayer CreateStill(SeededRandom random, string name, string role, int width, int height, double radius, double hue)
    {
        double[] colorA = Hsv(hue + random.Uniform(0.1, 0.9), random.Uniform(0.3, 0.6), random.Uniform(0.3, 0.5));
        double[] colorB = Hsv(hue + random.Uniform(0.1, 0.9), random.Uniform(0.3, 0.6), random.Uniform(0.6, 0.85));
        ProceduralTexture texture = ProceduralTexture.Create(random, 128, (TextureStyle)random.NextInt(0, 3), colorA, colorB, Hsv(random.NextDouble(), 0.5, 0.6));
        double x = width * (random.NextSign() > 0 ? random.Uniform(0.15, 0.3) : random.Uniform(0.7, 0.85));
        double y = height * random.Uniform(0.25, 0.75);
        return Layer(name, role, RandomShape(random, radius), ObjectTrajectory.Still(x, y, random.Uniform(-0.5, 0.5), 1), texture, random, "still in the world (moves only with the camera)");
    }

    private static SceneLayer Layer(string name, string role, ObjectShape shape, ObjectTrajectory motion, ProceduralTexture texture, SeededRandom random, string description) => new()
    {
        Name = name,
        Role = role,
        Shape = shape,
        Trajectory = motion,
        Texture = texture,
        TextureOffsetX = random.Uniform(0, 128),
        TextureOffsetY = random.Uniform(0, 128),
        MotionDescription = description,
    };

    private static ObjectShape RandomShape(SeededRandom random, double radius) => random.NextInt(0, 3) switch
    {
        0 => ObjectShape.Ellipse(radius * random.Uniform(0.9, 1.3), radius * random.Uniform(0.6, 0.9)),
        1 => ObjectShape.RoundedRectangle(radius * random.Uniform(0.9, 1.2), radius * random.Uniform(0.55, 0.85), radius * 0.3),
        _ => ObjectShape.Blob(radius, random.Uniform(0.12, 0.25), random.NextInt(3, 7), random.Uniform(0, 2 * Math.PI)),
    };

    private static double[] Hsv(double hue, double saturation, double value)
    {
        double h = (hue - Math.Floor(hue)) * 6;
        int sector = (int)Math.Floor(h) % 6;
        double f = h - Math.Floor(h);
        double p = value * (1 - saturation);
        double q = value * (1 - (saturation * f));
        double t = value * (1 - (saturation * (1 - f)));
        (double r, double g, double b) = sector switch
        {
            0 => (value, t, p),
            1 => (q, value, p),
            2 => (p, value, t),
            3 => (p, q, value),
            4 => (t, p, value),
            _ => (value, p, q),
        };
        return [255 * r, 255 * g, 255 * b];
    }
}
