using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace VideoSeg.Models.Training;

/// <summary>
/// GWM's parameter grouping (<c>Trainer.build_optimizer</c>, <c>src/mask_former_trainer.py</c>): walking
/// <c>named_modules</c>, each module's own trainable parameters are taken once (tied parameters, like the shared
/// GroupNorm, are not repeated); those of BatchNorm, GroupNorm, InstanceNorm, LayerNorm and LocalResponseNorm
/// modules get <c>WEIGHT_DECAY_NORM</c>, those of <c>nn.Embedding</c> modules <c>WEIGHT_DECAY_EMBED</c>, and names
/// containing <c>relative_position_bias_table</c> or <c>absolute_pos_embed</c> 0 (counted here as embeddings).
/// Frozen parameters (the DINO ViT) are left out, as GWM does.
/// </summary>
public static class WeightDecayGrouping
{
    private static readonly Type[] s_normTypes =
    [
        typeof(BatchNorm1d), typeof(BatchNorm2d), typeof(BatchNorm3d), typeof(GroupNorm),
        typeof(InstanceNorm1d), typeof(InstanceNorm2d), typeof(InstanceNorm3d), typeof(LayerNorm), typeof(LocalResponseNorm),
    ];

    /// <summary>Splits the trainable parameters of <paramref name="model"/>.</summary>
    public static WeightDecayGroups Split(nn.Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var decayed = new List<(string, Parameter)>();
        var norm = new List<(string, Parameter)>();
        var embedding = new List<(string, Parameter)>();
        var seen = new HashSet<IntPtr>();
        IEnumerable<(string Name, nn.Module Module)> modules = new[] { (string.Empty, model) }.Concat(model.named_modules());
        foreach ((string moduleName, nn.Module module) in modules)
        {
            foreach ((string parameterName, Parameter parameter) in module.named_parameters(recurse: false))
            {
                if (!parameter.requires_grad || !seen.Add(parameter.Handle))
                {
                    continue;
                }

                string name = moduleName.Length == 0 ? parameterName : moduleName + "." + parameterName;
                if (IsNorm(module))
                {
                    norm.Add((name, parameter));
                }
                else if (module is Embedding || parameterName.Contains("relative_position_bias_table", StringComparison.Ordinal) || parameterName.Contains("absolute_pos_embed", StringComparison.Ordinal))
                {
                    embedding.Add((name, parameter));
                }
                else
                {
                    decayed.Add((name, parameter));
                }
            }
        }

        return new WeightDecayGroups(decayed, norm, embedding);
    }

    private static bool IsNorm(nn.Module module) => s_normTypes.Any(type => type.IsInstanceOfType(module));
}
