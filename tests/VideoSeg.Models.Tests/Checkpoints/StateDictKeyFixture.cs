using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace VideoSeg.Models.Tests.Checkpoints;

/// <summary>Reads the derived "key&lt;TAB&gt;shape" fixtures in Checkpoints/Fixtures ('#' lines are comments).</summary>
internal static class StateDictKeyFixture
{
    public const string GwmDino = "gwm_dino_state_dict_keys.txt";
    public const string DinoVitBase8 = "dino_vitbase8_pretrain_keys.txt";
    public const string DinoDeitSmall8 = "dino_deitsmall8_pretrain_keys.txt";

    public static IReadOnlyList<KeyValuePair<string, long[]>> Read(string name)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Checkpoints", "Fixtures", name);
        return File.ReadAllLines(path)
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .Select(parts => new KeyValuePair<string, long[]>(parts[0], ParseShape(parts[1])))
            .ToList();
    }

    public static string Describe(IEnumerable<KeyValuePair<string, long[]>> entries) =>
        string.Join("\n", entries.Select(e => $"{e.Key}\t{string.Join("x", e.Value)}").Order(StringComparer.Ordinal));

    private static long[] ParseShape(string text) =>
        text == "scalar" ? [] : text.Split('x').Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToArray();
}
