using TorchSharp.Modules;
using static TorchSharp.torch;

namespace VideoSeg.Models.Network;

/// <summary>Creates GroupNorm modules initialised as PyTorch's are (weight 1, bias 0).</summary>
internal static class GroupNorms
{
    /// <summary>A fresh TorchSharp 0.107 GroupNorm was seen holding garbage affine values here, so they are set explicitly.</summary>
    /// <param name="groups">Number of groups.</param>
    /// <param name="channels">Number of channels.</param>
    /// <returns>The module.</returns>
    public static GroupNorm Create(int groups, int channels)
    {
        GroupNorm norm = nn.GroupNorm(groups, channels);
        using var noGrad = no_grad();
        nn.init.ones_(norm.weight!);
        nn.init.zeros_(norm.bias!);
        return norm;
    }
}
