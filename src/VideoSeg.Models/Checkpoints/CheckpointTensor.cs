using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using VideoSeg.Core;
using static TorchSharp.torch;

namespace VideoSeg.Models.Checkpoints;

/// <summary>
/// A tensor in a checkpoint: its element type, shape, strides and place in a storage. The data
/// stays in the file until <see cref="ToTorch"/> reads it.
/// </summary>
public sealed record CheckpointTensor : CheckpointValue
{
    internal CheckpointTensor(
        CheckpointArchive archive,
        ScalarType dtype,
        long[] shape,
        long[] strides,
        long storageOffset,
        string storageKey,
        long storageElementCount,
        bool requiresGrad)
    {
        Archive = archive;
        DType = dtype;
        Shape = shape;
        Strides = strides;
        StorageOffset = storageOffset;
        StorageKey = storageKey;
        StorageElementCount = storageElementCount;
        RequiresGrad = requiresGrad;
    }

    /// <summary>The element type.</summary>
    public ScalarType DType { get; }

    /// <summary>The size of every dimension.</summary>
    public long[] Shape { get; }

    /// <summary>The stride of every dimension, in elements.</summary>
    public long[] Strides { get; }

    /// <summary>Where the tensor starts in its storage, in elements.</summary>
    public long StorageOffset { get; }

    /// <summary>The storage's key: its entry is <c>&lt;archive&gt;/data/&lt;key&gt;</c>.</summary>
    public string StorageKey { get; }

    /// <summary>The number of elements in the whole storage.</summary>
    public long StorageElementCount { get; }

    /// <summary>Whether the tensor was saved as a parameter that requires gradients.</summary>
    public bool RequiresGrad { get; init; }

    /// <summary>The number of elements of the tensor.</summary>
    public long ElementCount => Shape.Aggregate(1L, (product, size) => product * size);

    /// <summary>The shape written as PyTorch prints it, e.g. <c>[384, 3, 8, 8]</c>.</summary>
    public string ShapeText => "[" + string.Join(", ", Shape) + "]";

    internal CheckpointArchive Archive { get; }

    /// <summary>Reads the data and returns a contiguous TorchSharp tensor on <paramref name="device"/> (CPU when null).</summary>
    public Tensor ToTorch(Device? device = null)
    {
        long needed = RequiredStorageElements(Shape, Strides, StorageOffset);
        if (needed > StorageElementCount)
        {
            throw new VideoSegException(
                ErrorCodes.BadLayout,
                $"Checkpoint '{Archive.Path}': a tensor of shape {ShapeText} at offset {StorageOffset} reaches element {needed} of storage '{StorageKey}', which has {StorageElementCount}.",
                Archive.Path);
        }

        int elementSize = TorchStorageTypes.ElementSize(DType);
        byte[] raw = Archive.ReadStorage(StorageKey, StorageElementCount * elementSize, elementSize);
        using DisposeScope scope = NewDisposeScope();
        Tensor storage = empty(StorageElementCount, dtype: DType, device: CPU);
        storage.bytes = raw;
        Tensor view = storage.as_strided(Shape, Strides, StorageOffset).contiguous();
        Tensor result = device is null ? view : view.to(device);
        return result.MoveToOuterDisposeScope();
    }

    /// <summary>How many storage elements a view needs: one past its furthest element (0 when empty).</summary>
    internal static long RequiredStorageElements(IReadOnlyList<long> shape, IReadOnlyList<long> strides, long offset)
    {
        if (shape.Count != strides.Count || offset < 0)
        {
            throw new ArgumentException("Shape and strides differ in rank, or the offset is negative.");
        }

        long last = offset;
        for (int i = 0; i < shape.Count; i++)
        {
            if (shape[i] < 0 || strides[i] < 0)
            {
                throw new ArgumentException("Negative sizes and strides are not valid in a checkpoint.");
            }

            if (shape[i] == 0)
            {
                return 0;
            }

            last = checked(last + ((shape[i] - 1) * strides[i]));
        }

        return last + 1;
    }
}
