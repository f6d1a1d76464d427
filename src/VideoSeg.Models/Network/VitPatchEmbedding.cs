using System.Diagnostics.CodeAnalysis;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace VideoSeg.Models.Network;

/// <summary>DINO's <c>PatchEmbed</c>: a patch-sized convolution (<c>proj</c>) whose stride GWM sets to 4, flattened to tokens.</summary>
[SuppressMessage("Style", "IDE1006", Justification = "Field names are DINO's state-dict keys, set via ComponentName.")]
public sealed class VitPatchEmbedding : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "proj")]
    private readonly Conv2d _proj;

    /// <summary>Creates the embedding.</summary>
    /// <param name="embedDim">Token width.</param>
    /// <param name="patchSize">Kernel side.</param>
    /// <param name="stride">Convolution stride (GWM: 4 for patch 8).</param>
    public VitPatchEmbedding(int embedDim, int patchSize, int stride)
        : base(nameof(VitPatchEmbedding))
    {
        _proj = nn.Conv2d(3, embedDim, patchSize, stride: stride);
        RegisterComponents();
    }

    /// <summary>Images (B × 3 × H × W) to tokens (B × N × C), row-major over the patch grid.</summary>
    /// <param name="input">Normalised images.</param>
    /// <returns>Patch tokens.</returns>
    public override Tensor forward(Tensor input) => _proj.call(input).flatten(2).transpose(1, 2);
}
