using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace VideoSeg.Models.Training;

/// <summary>The trainable parameters split by the weight decay they get, each listed once, with their first-seen names.</summary>
/// <param name="Decayed">Ordinary parameters (GWM: decay 0.01).</param>
/// <param name="Norm">Parameters of normalisation layers (GWM: decay 0).</param>
/// <param name="Embedding">Parameters of <c>nn.Embedding</c> modules and position tables (GWM: decay 0).</param>
public sealed record WeightDecayGroups(
    IReadOnlyList<(string Name, Parameter Parameter)> Decayed,
    IReadOnlyList<(string Name, Parameter Parameter)> Norm,
    IReadOnlyList<(string Name, Parameter Parameter)> Embedding)
{
    /// <summary>Every trainable parameter once, in group order: the set whose gradients are clipped together.</summary>
    public Parameter[] All() => Decayed.Concat(Norm).Concat(Embedding).Select(p => p.Parameter).ToArray();

    /// <summary>
    /// GWM's optimizer (<c>Trainer.build_optimizer</c>): AdamW over the three groups with the decays of
    /// <paramref name="options"/>, its base learning rate, betas and epsilon.
    /// </summary>
    /// <param name="options">The training options.</param>
    /// <returns>The optimizer; the caller disposes it.</returns>
    public AdamW CreateAdamW(GwmTrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var groups = new List<AdamW.ParamGroup>
        {
            Group(Decayed, options.WeightDecay),
            Group(Norm, options.WeightDecayNorm),
            Group(Embedding, options.WeightDecayEmbedding),
        };
        return optim.AdamW(groups, options.BaseLearningRate, options.Beta1, options.Beta2, options.Epsilon, options.WeightDecay);
    }

    private static AdamW.ParamGroup Group(IReadOnlyList<(string Name, Parameter Parameter)> parameters, double weightDecay) =>
        new(parameters.Select(p => p.Parameter), new AdamW.Options { weight_decay = weightDecay });
}
