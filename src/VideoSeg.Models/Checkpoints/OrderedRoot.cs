using System.Collections;
using System.Collections.Generic;

namespace VideoSeg.Models.Checkpoints;

/// <summary>Marks entries that the pickler writes as a <c>collections.OrderedDict</c> rather than a plain dict.</summary>
internal sealed class OrderedRoot : IEnumerable<KeyValuePair<string, object?>>
{
    private readonly IEnumerable<KeyValuePair<string, object?>> _entries;

    public OrderedRoot(IEnumerable<KeyValuePair<string, object?>> entries)
    {
        _entries = entries;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
