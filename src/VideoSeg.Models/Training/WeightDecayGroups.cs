using System.Collections.Generic;
using TorchSharp.Modules;

namespace VideoSeg.Models.Training;

/// <summary>The trainable parameters split by the weight decay they get, each listed once, with their first-seen names.</summary>
/// <param name="Decayed">Ordinary parameters (GWM: decay 0.01).</param>
/// <param name="Norm">Parameters of normalisation layers (GWM: decay 0).</param>
/// <param name="Embedding">Parameters of <c>nn.Embedding</c> modules and position tables (GWM: decay 0).</param>
public sealed record WeightDecayGroups(
    IReadOnlyList<(string Name, Parameter Parameter)> Decayed,
    IReadOnlyList<(string Name, Parameter Parameter)> Norm,
    IReadOnlyList<(string Name, Parameter Parameter)> Embedding);
