using System;
using System.Collections.Generic;
using System.Linq;

namespace VideoSeg.Models.Checkpoints;

/// <summary>
/// An ordered list of <see cref="KeyMapRule"/>s that turns checkpoint names into module names. Every
/// rule applies in turn to the output of the ones before it; a drop rule ends the chain.
/// </summary>
public sealed record KeyMap(IReadOnlyList<KeyMapRule> Rules)
{
    /// <summary>Names are used as they are.</summary>
    public static KeyMap Identity { get; } = new([]);

    /// <summary>
    /// DINO ViT checkpoints (<c>dino_vitbase8_pretrain.pth</c>, <c>dino_deitsmall8_pretrain.pth</c>, or the
    /// <c>teacher</c>/<c>student</c> entries of a full training checkpoint) onto a ViT module that keeps
    /// DINO's names (<c>cls_token</c>, <c>pos_embed</c>, <c>patch_embed.proj.*</c>, <c>blocks.{i}.norm1.*</c>,
    /// <c>blocks.{i}.attn.qkv.*</c>, <c>blocks.{i}.attn.proj.*</c>, <c>blocks.{i}.norm2.*</c>,
    /// <c>blocks.{i}.mlp.fc1.*</c>, <c>blocks.{i}.mlp.fc2.*</c>, <c>norm.*</c>): the DDP and
    /// multi-crop wrappers' <c>module.</c> and <c>backbone.</c> prefixes go, and the projection head is dropped.
    /// </summary>
    public static KeyMap DinoVit { get; } = new(
    [
        KeyMapRule.Prefix("module.", string.Empty),
        KeyMapRule.Prefix("backbone.", string.Empty),
        KeyMapRule.Drop("^head\\."),
    ]);

    /// <summary>
    /// GWM (MaskFormer) checkpoints onto a GWM module whose fields keep detectron2's names: the
    /// DINO backbone under <c>backbone.</c> and the decoder under <c>sem_seg_head.pixel_decoder.</c> and
    /// <c>sem_seg_head.predictor.</c>; only the DDP <c>module.</c> prefix goes.
    /// </summary>
    public static KeyMap Gwm { get; } = new([KeyMapRule.Prefix("module.", string.Empty)]);

    /// <summary>This map's rules followed by <paramref name="next"/>'s.</summary>
    public KeyMap Then(KeyMap next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return new KeyMap(Rules.Concat(next.Rules).ToArray());
    }

    /// <summary>The module name for <paramref name="checkpointKey"/>, or null when a rule drops it.</summary>
    public string? Apply(string checkpointKey)
    {
        ArgumentNullException.ThrowIfNull(checkpointKey);
        string name = checkpointKey;
        foreach (KeyMapRule rule in Rules)
        {
            if (!rule.Pattern.IsMatch(name))
            {
                continue;
            }

            if (rule.Replacement is null)
            {
                return null;
            }

            name = rule.Pattern.Replace(name, rule.Replacement);
        }

        return name;
    }
}
