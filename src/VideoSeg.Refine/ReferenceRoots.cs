using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using VideoSeg.Core;
using VideoSeg.Core.Experiments;

namespace VideoSeg.Refine;

/// <summary>The folders of other sources' base masks that the matrix's reference rows show.</summary>
public static class ReferenceRoots
{
    /// <summary>Parses <c>source=folder</c> pairs and checks that every reference row of <paramref name="configurations"/> has its folder.</summary>
    public static SortedDictionary<string, string> Parse(IEnumerable<string> pairs, IEnumerable<RefinementConfiguration> configurations)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(configurations);
        var roots = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (string pair in pairs)
        {
            int split = pair.IndexOf('=', StringComparison.Ordinal);
            if (split <= 0 || split == pair.Length - 1)
            {
                throw new VideoSegException(ErrorCodes.InvalidArgument, $"--reference '{pair}' is not of the form <source>=<folder>, e.g. motion=results/synthetic/basemasks/motion");
            }

            string root = Path.GetFullPath(pair[(split + 1)..]);
            if (!Directory.Exists(root))
            {
                throw new VideoSegException(ErrorCodes.MissingFile, $"--reference '{pair}': folder not found: expected base masks in '{root}' (run 'videoseg basemasks --out {root}')", root);
            }

            roots[pair[..split]] = root;
        }

        foreach (RefinementConfiguration configuration in configurations.Where(c => c.Kind == RefinementKind.Reference))
        {
            if (!roots.ContainsKey(configuration.Source!))
            {
                throw new VideoSegException(ErrorCodes.InvalidArgument, $"configuration '{configuration.Name}' shows the '{configuration.Source}' base masks: pass --reference {configuration.Source}=<folder of its base masks>");
            }
        }

        return roots;
    }
}
