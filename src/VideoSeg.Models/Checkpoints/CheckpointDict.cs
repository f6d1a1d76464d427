using System.Collections.Generic;

namespace VideoSeg.Models.Checkpoints;

/// <summary>
/// A Python <c>dict</c> or <c>collections.OrderedDict</c>, keys in insertion order (both keep it
/// since Python 3.7). Keys are usually strings; optimizer states use integers.
/// </summary>
public sealed record CheckpointDict : CheckpointValue
{
    private readonly List<KeyValuePair<CheckpointValue, CheckpointValue>> _entries = [];
    private readonly Dictionary<CheckpointValue, int> _index = [];

    /// <summary>Creates a dictionary holding <paramref name="entries"/>; a repeated key keeps its first position and its last value.</summary>
    public CheckpointDict(IEnumerable<KeyValuePair<CheckpointValue, CheckpointValue>> entries, bool isOrderedDict)
    {
        IsOrderedDict = isOrderedDict;
        foreach (KeyValuePair<CheckpointValue, CheckpointValue> entry in entries)
        {
            Set(entry.Key, entry.Value);
        }
    }

    /// <summary>Whether the pickle built it as a <c>collections.OrderedDict</c> (state dicts are).</summary>
    public bool IsOrderedDict { get; }

    /// <summary>The entries in insertion order.</summary>
    public IReadOnlyList<KeyValuePair<CheckpointValue, CheckpointValue>> Entries => _entries;

    /// <summary>The number of entries.</summary>
    public int Count => _entries.Count;

    /// <summary>Looks a value up by a string key.</summary>
    public bool TryGetValue(string key, out CheckpointValue value)
    {
        if (_index.TryGetValue(new CheckpointString(key), out int position))
        {
            value = _entries[position].Value;
            return true;
        }

        value = CheckpointNone.Instance;
        return false;
    }

    /// <summary>Whether a string key is present.</summary>
    public bool ContainsKey(string key) => _index.ContainsKey(new CheckpointString(key));

    // Pickle fills a dictionary after creating it (SETITEM, SETITEMS), so the reader must grow it.
    internal void Set(CheckpointValue key, CheckpointValue value)
    {
        if (_index.TryGetValue(key, out int position))
        {
            _entries[position] = new KeyValuePair<CheckpointValue, CheckpointValue>(key, value);
        }
        else
        {
            _index.Add(key, _entries.Count);
            _entries.Add(new KeyValuePair<CheckpointValue, CheckpointValue>(key, value));
        }
    }
}
