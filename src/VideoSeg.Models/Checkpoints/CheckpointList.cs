using System.Collections.Generic;

namespace VideoSeg.Models.Checkpoints;

/// <summary>A Python <c>list</c> (also <c>set</c>, in pickling order).</summary>
public sealed record CheckpointList : CheckpointValue
{
    private readonly List<CheckpointValue> _items;

    /// <summary>Creates a list holding <paramref name="items"/>.</summary>
    public CheckpointList(IEnumerable<CheckpointValue> items)
    {
        _items = new List<CheckpointValue>(items);
    }

    /// <summary>The elements in order.</summary>
    public IReadOnlyList<CheckpointValue> Items => _items;

    // Pickle fills a list after creating it (APPEND, APPENDS), so the reader must grow it.
    internal void Add(CheckpointValue item) => _items.Add(item);
}
