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
    /// GWM's <c>checkpoint_best.pth</c> (detectron2's <c>{'model': state_dict, 'iteration': n, ...}</c>) onto
    /// <see cref="Network.GwmNetwork"/>, whose fields keep detectron2's names (<c>sem_seg_head.pixel_decoder.*</c>,
    /// <c>sem_seg_head.predictor.*</c>): the DDP <c>module.</c> prefix goes; <c>backbone.extractor.model.</c>, where
    /// the DINO ViT would sit were it a registered submodule, becomes <c>backbone.</c> (DINO's own names follow), and
    /// a ViT classification <c>head.</c> under it is dropped like <see cref="DinoVit"/>'s; <c>criterion.*</c> is
    /// dropped: it is MaskFormer's <c>SetCriterion</c>, whose only persistent tensor, <c>empty_weight</c> (the
    /// no-object class weights of a class head GWM switches off), has no counterpart in a network without a
    /// set-prediction loss. GWM's own checkpoints hold no backbone keys at all (its <c>ViTExtractor</c> is a
    /// plain object, not an <c>nn.Module</c>); the ViT comes from DINO's <c>dino_vitbase8_pretrain.pth</c>
    /// (see <c>Checkpoints/Fixtures/gwm_dino_state_dict_keys.txt</c> in the tests).
    /// </summary>
    public static KeyMap Gwm { get; } = new(
    [
        KeyMapRule.Prefix("module.", string.Empty),
        KeyMapRule.Drop("^criterion\\."),
        KeyMapRule.Drop("^backbone\\.extractor\\.model\\.head\\."),
        KeyMapRule.Prefix("backbone.extractor.model.", "backbone."),
    ]);

    /// <summary>
    /// RAFT's released checkpoints (<c>raft-things.pth</c>, <c>raft-sintel.pth</c>, <c>raft-small.pth</c>, …, saved from an
    /// <c>nn.DataParallel</c>) onto <see cref="Raft.RaftNetwork"/>, whose fields keep RAFT's names: the <c>module.</c>
    /// prefix goes; a state dict saved without it loads as it is.
    /// </summary>
    public static KeyMap Raft { get; } = new([KeyMapRule.Prefix("module.", string.Empty)]);

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
