using System.Text.RegularExpressions;

namespace VideoSeg.Models.Checkpoints;

/// <summary>
/// One rewrite from checkpoint names towards module names: a regular expression and its replacement
/// (<c>$1</c> groups allowed), or a drop rule (null replacement) that removes matching keys.
/// </summary>
/// <param name="Pattern">The expression matched against the whole key as rewritten by the rules before it.</param>
/// <param name="Replacement">The replacement for the match, or null to drop the key.</param>
public sealed record KeyMapRule(Regex Pattern, string? Replacement)
{
    /// <summary>Rewrites a leading <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static KeyMapRule Prefix(string from, string to) =>
        new(new Regex("^" + Regex.Escape(from), RegexOptions.CultureInvariant), to.Replace("$", "$$", System.StringComparison.Ordinal));

    /// <summary>Rewrites with a regular expression.</summary>
    public static KeyMapRule Rewrite(string pattern, string replacement) =>
        new(new Regex(pattern, RegexOptions.CultureInvariant), replacement);

    /// <summary>Drops the keys a regular expression matches.</summary>
    public static KeyMapRule Drop(string pattern) => new(new Regex(pattern, RegexOptions.CultureInvariant), null);
}
