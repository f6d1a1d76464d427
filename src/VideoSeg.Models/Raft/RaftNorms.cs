using System;
using static TorchSharp.torch;

namespace VideoSeg.Models.Raft;

/// <summary>Creates the normalisation layers of RAFT's encoders with PyTorch's defaults (eps 1e-5).</summary>
internal static class RaftNorms
{
    /// <summary>A norm over <paramref name="channels"/> of kind <paramref name="kind"/>.</summary>
    public static nn.Module<Tensor, Tensor> Create(RaftNormKind kind, long channels) => kind switch
    {
        RaftNormKind.Batch => nn.BatchNorm2d(channels),
        RaftNormKind.Instance => nn.InstanceNorm2d(channels),
        RaftNormKind.None => nn.Identity(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a RAFT norm"),
    };
}
