using static TorchSharp.torch;

namespace VideoSeg.Models.Checkpoints;

/// <summary>A storage named by a persistent id: <c>('storage', type, key, location, numel)</c>.</summary>
internal sealed record PickleStorageReference(ScalarType ElementType, string Key, long ElementCount);
