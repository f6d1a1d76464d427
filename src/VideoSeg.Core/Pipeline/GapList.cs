using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace VideoSeg.Core.Pipeline;

/// <summary>Parses gap lists such as <c>1,-1,2,-2</c>.</summary>
public static class GapList
{
    /// <summary>Parses a comma-separated list of non-zero gaps.</summary>
    public static IReadOnlyList<int> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var gaps = new List<int>();
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int gap) || gap == 0)
            {
                throw new VideoSegException(ErrorCodes.InvalidArgument, $"gap '{part}' in '{text}' is not a non-zero integer");
            }

            gaps.Add(gap);
        }

        return gaps.Count == 0
            ? throw new VideoSegException(ErrorCodes.InvalidArgument, "expected at least one gap, e.g. 1,-1,2,-2")
            : gaps.Distinct().ToList();
    }
}
