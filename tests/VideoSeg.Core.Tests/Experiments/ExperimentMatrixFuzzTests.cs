using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using VideoSeg.Core.Experiments;
using VideoSeg.Core.Pipeline;
using VideoSeg.TestUtilities;
using Xunit;
using Xunit.Abstractions;

namespace VideoSeg.Core.Tests.Experiments;

/// <summary>
/// Feeds the matrix parser thousands of seeded random documents: whatever the shape, Load either
/// returns a matrix that keeps its documented bounds or throws one VideoSegException with a matrix
/// code, a one-line message and the file as its path. Any other exception is a parser bug.
/// </summary>
public sealed class ExperimentMatrixFuzzTests
{
    private const int Seed = 20240611;
    private const int CasesPerShape = 1500;

    private static readonly string[] s_topKeys = ["schema", "description", "warpConvention", "propagation", "occlusion", "threshold", "configurations"];
    private static readonly string[] s_occlusionKeys = ["variant", "alpha1", "alpha2", "warpConvention"];
    private static readonly string[] s_configurationKeys = ["name", "kind", "gaps", "includeCurrent", "alpha", "iterations", "normalizeWeights", "reportIteration", "table1", "warpConvention", "propagation", "source"];
    private static readonly string[] s_acceptedCodes = [ErrorCodes.UnknownConfiguration, ErrorCodes.InvalidMatrix, ErrorCodes.BadName];

    // Escaped as JSON text (not as .NET strings) so that control characters, quotes and unpaired
    // surrogate escapes reach the parser exactly as a hand-edited file could hold them.
    private static readonly string[] s_stringLiterals =
    [
        "\"\"", "\"base\"", "\"initial\"", "\"weighted-average\"", "\"iterative\"", "\"reference\"", "\"magic\"",
        "\"ssl-vos\"", "\"pixel-exact\"", "\"paper-iterative-code\"", "\"source-to-target\"", "\"target-to-source\"",
        "\"paper\"", "\"unflow-code\"", "\"motion\"", "\"yes\"", "\"1\"", "\"0.5\"", "\"1,2\"", "\"null\"",
        "\"../../etc\"", "\"/etc/passwd\"", "\"C:\\\\Windows\"", "\"a\\\\b\"", "\"a/b\"", "\".\"", "\"..\"", "\"a@3\"", "\"a b\"", "\" lead\"", "\"a=b\"",
        "\"tab\\there\"", "\"line\\nbreak\"", "\"nul\\u0000x\"", "\"bell\\u0007\"", "\"\\ud800\"", "\"\\udc00x\"", "\"\\ud83d\\ude00\"",
        "\"quote\\\"inside\"", "\"caf\\u00e9\"", "\"\u00e9t\u00e9\"", "\"\u2028\"",
    ];

    private static readonly string[] s_numberLiterals =
    [
        "0", "-0", "1", "2", "3", "-1", "0.5", "1.5", "0.01", "-0.01", "1e10", "1e-10", "1e308", "-1e308", "1e400", "-1e400",
        "2.0", "1E0", "8", "64", "65", "100", "100.5", "2147483647", "2147483648", "-2147483649", "9007199254740993", "0.9999999999999999",
        "123456789012345678901234567890", "4.9e-324",
    ];

    private readonly ITestOutputHelper _output;

    public ExperimentMatrixFuzzTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void RandomDocumentsEitherLoadOrFailWithOneMatrixError()
    {
        var random = new Random(Seed);
        string valid = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "eng", "experiments.json"));
        JsonNode template = JsonNode.Parse(valid)!;
        using var temp = new TempDirectory();
        var outcomes = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var shapes = new (string Name, Func<string> Make)[]
        {
            ("any value", () => RandomValue(random, 4)),
            ("matrix-like object", () => MatrixLike(random)),
            ("one value of eng/experiments.json replaced", () => Mutate(random, template)),
            ("truncated eng/experiments.json", () => valid[..random.Next(valid.Length + 1)]),
            ("character edits of eng/experiments.json", () => EditCharacters(random, valid)),
        };

        var clock = Stopwatch.StartNew();
        int cases = 0;
        foreach ((string shape, Func<string> make) in shapes)
        {
            for (int i = 0; i < CasesPerShape; i++)
            {
                // A fresh file per case: rewriting one file truncates it, and ext4 then flushes it to
                // disk on close (auto_da_alloc), which made the run take seven times as long.
                string json = make();
                string path = temp.Combine(string.Create(CultureInfo.InvariantCulture, $"matrix-{cases}.json"));
                File.WriteAllText(path, json);
                string outcome = Outcome(path, json, shape, cases);
                File.Delete(path);
                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
                cases++;
            }
        }

        clock.Stop();
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{cases} random matrices (seed {Seed}) in {clock.Elapsed.TotalSeconds:F2} s"));
        foreach ((string outcome, int count) in outcomes)
        {
            _output.WriteLine($"  {outcome}: {count}");
        }

        // Each outcome must actually occur, or the generator has stopped exercising the parser.
        Assert.True(outcomes.GetValueOrDefault("loaded") > 0, "no random document loaded");
        Assert.All(s_acceptedCodes, code => Assert.True(outcomes.GetValueOrDefault(code) > 0, $"no random document gave {code}"));
    }

    private static string Outcome(string path, string json, string shape, int index)
    {
        ExperimentMatrix matrix;
        try
        {
            matrix = ExperimentMatrix.Load(path);
        }
        catch (VideoSegException ex) when (s_acceptedCodes.Contains(ex.Code))
        {
            Assert.True(ex.Path == path, $"case {index} ({shape}): the error's path is '{ex.Path}'\n{json}");
            Assert.False(ex.Message.Contains('\n', StringComparison.Ordinal) || ex.Message.Contains('\r', StringComparison.Ordinal), $"case {index} ({shape}): a message of more than one line: {ex.Message}\n{json}");
            return ex.Code;
        }
        catch (Exception ex)
        {
            Assert.Fail($"case {index} ({shape}): {ex.GetType().Name} escaped the parser: {ex.Message}\n--- document ---\n{json}\n--- end ---\n{ex}");
            throw;
        }

        CheckBounds(matrix, json, index);
        return "loaded";
    }

    private static void CheckBounds(ExperimentMatrix matrix, string json, int index)
    {
        string where = $"case {index} loaded a matrix out of its bounds:\n{json}";
        Assert.True(matrix.Threshold is > 0 and < 1, where);
        Assert.True(matrix.Occlusion.Alpha1 is >= 0 and <= 1 && matrix.Occlusion.Alpha2 is >= 0 and <= 100, where);
        Assert.NotEmpty(matrix.Configurations);
        foreach (RefinementConfiguration c in matrix.Configurations)
        {
            Assert.True(PlainName.IsPlain(c.Name) && !c.Name.Contains('@', StringComparison.Ordinal), where);
            Assert.True(c.Alpha is >= 0 and <= 1 && c.Iterations is >= 1 and <= 64 && c.ReportIteration >= 1, where);
            Assert.True(c.Gaps.Count > 0 && c.Gaps.All(g => g is 1 or 2) && c.Gaps.Distinct().Count() == c.Gaps.Count, where);
        }
    }

    private static string RandomValue(Random random, int depth)
    {
        int choice = random.Next(depth > 0 ? 8 : 5);
        return choice switch
        {
            0 => "null",
            1 => random.Next(2) == 0 ? "true" : "false",
            2 => RandomNumber(random),
            3 or 4 => RandomString(random),
            5 => "[" + string.Join(", ", Enumerable.Range(0, random.Next(4)).Select(_ => RandomValue(random, depth - 1))) + "]",
            _ => RandomObject(random, depth - 1, AnyKeys(random)),
        };
    }

    private static string RandomNumber(Random random) => random.Next(3) switch
    {
        0 => s_numberLiterals[random.Next(s_numberLiterals.Length)],
        1 => random.Next(-5, 70).ToString(CultureInfo.InvariantCulture),
        _ => (random.NextDouble() * Math.Pow(10, random.Next(-3, 4)) * (random.Next(4) == 0 ? -1 : 1)).ToString("R", CultureInfo.InvariantCulture),
    };

    private static string RandomString(Random random)
    {
        if (random.Next(3) > 0)
        {
            return s_stringLiterals[random.Next(s_stringLiterals.Length)];
        }

        var text = new StringBuilder("\"");
        int length = random.Next(random.Next(10) == 0 ? 300 : 12);
        for (int i = 0; i < length; i++)
        {
            int c = random.Next(6) == 0 ? random.Next(0x20) : random.Next(0x20, 0x2FF);
            text.Append(c is < 0x20 or '"' or '\\' ? string.Create(CultureInfo.InvariantCulture, $"\\u{c:x4}") : ((char)c).ToString());
        }

        return text.Append('"').ToString();
    }

    private static string[] AnyKeys(Random random)
    {
        string[][] pools = [s_topKeys, s_occlusionKeys, s_configurationKeys, ["x", "Name", "", "a\\nb", "\\ud800", "configurations "]];
        return pools[random.Next(pools.Length)];
    }

    private static string RandomObject(Random random, int depth, string[] keys, Func<string, string>? value = null)
    {
        int count = random.Next(keys.Length + 2);
        var members = new List<string>();
        for (int i = 0; i < count; i++)
        {
            // Mostly real keys, sometimes a stray one, and repeats happen by chance.
            string key = random.Next(8) == 0 ? RandomString(random) : "\"" + keys[random.Next(keys.Length)] + "\"";
            members.Add(key + ": " + (value?.Invoke(key.Trim('"')) ?? RandomValue(random, depth)));
        }

        return "{ " + string.Join(", ", members) + " }";
    }

    private static string MatrixLike(Random random)
    {
        // Mostly plausible values, so that parsing gets past the first key often enough to reach
        // the deeper checks; a random value in one place in four.
        string Plausible(string key) => random.Next(4) == 0 ? RandomValue(random, 2) : key switch
        {
            "occlusion" => RandomObject(random, 1, s_occlusionKeys, Plausible),
            "configurations" => "[" + string.Join(", ", Enumerable.Range(0, random.Next(5)).Select(i => i == 0 ? "{ \"name\": \"base\", \"kind\": \"base\" }" : RandomObject(random, 1, s_configurationKeys, Plausible))) + "]",
            "name" => "\"" + new[] { "base", "a", "b", "initial", "x-1" }[random.Next(5)] + "\"",
            "kind" => "\"" + new[] { "base", "initial", "weighted-average", "iterative", "reference" }[random.Next(5)] + "\"",
            "gaps" => "[" + string.Join(", ", Enumerable.Range(0, random.Next(4)).Select(_ => random.Next(4).ToString(CultureInfo.InvariantCulture))) + "]",
            "includeCurrent" or "normalizeWeights" => random.Next(2) == 0 ? "true" : "false",
            "alpha" or "alpha1" or "threshold" => random.NextDouble().ToString("R", CultureInfo.InvariantCulture),
            "alpha2" => (random.NextDouble() * 120).ToString("R", CultureInfo.InvariantCulture),
            "iterations" or "reportIteration" => random.Next(0, 70).ToString(CultureInfo.InvariantCulture),
            "warpConvention" => "\"ssl-vos\"",
            "propagation" => "\"target-to-source\"",
            "variant" => "\"unflow-code\"",
            "source" => "\"motion\"",
            "schema" => "1",
            _ => RandomString(random),
        };

        return RandomObject(random, 2, s_topKeys, Plausible);
    }

    private static string Mutate(Random random, JsonNode template)
    {
        JsonNode copy = template.DeepClone();
        var nodes = new List<JsonNode>();
        Collect(copy, nodes);
        JsonNode target = nodes[random.Next(nodes.Count)];
        string value = RandomValue(random, 2);
        if (target.Parent is null)
        {
            return value;
        }

        // A value JsonNode cannot build (a repeated key, an unpaired surrogate) becomes null here;
        // the other shapes exercise those.
        JsonNode? replacement = TryParseNode(value, out JsonNode? node) ? node : null;
        if (target.Parent is JsonObject parent)
        {
            string key = target.GetPropertyName();
            if (random.Next(5) == 0)
            {
                parent.Remove(key);
            }
            else
            {
                parent[key] = replacement;
            }
        }
        else
        {
            ((JsonArray)target.Parent)[target.GetElementIndex()] = replacement;
        }

        string json = copy.ToJsonString();

        // JsonNode cannot hold a repeated key, so repeats are made in the text: a key of the
        // replaced object written a second time with another value.
        if (random.Next(6) == 0)
        {
            int brace = json.IndexOf('{', random.Next(json.Length));
            if (brace >= 0)
            {
                string[] keys = [.. s_topKeys, .. s_occlusionKeys, .. s_configurationKeys];
                json = json.Insert(brace + 1, $"\"{keys[random.Next(keys.Length)]}\": {RandomValue(random, 1)},");
            }
        }

        return json;
    }

    private static bool TryParseNode(string text, out JsonNode? node)
    {
        try
        {
            node = JsonNode.Parse(text);
            _ = node?.ToJsonString();
            return true;
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or ArgumentException or InvalidOperationException)
        {
            node = null;
            return false;
        }
    }

    private static void Collect(JsonNode node, List<JsonNode> nodes)
    {
        nodes.Add(node);
        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a,
            _ => [],
        };
        foreach (JsonNode? child in children)
        {
            if (child is not null)
            {
                Collect(child, nodes);
            }
        }
    }

    private static string EditCharacters(Random random, string valid)
    {
        var text = new StringBuilder(valid);
        int edits = 1 + random.Next(3);
        const string alphabet = "{}[],:\"\\ 0123456789.-eE+truefalsn\n\t\u0000\u00e9";
        for (int i = 0; i < edits && text.Length > 0; i++)
        {
            int at = random.Next(text.Length);
            switch (random.Next(3))
            {
                case 0:
                    text.Remove(at, 1);
                    break;
                case 1:
                    text.Insert(at, alphabet[random.Next(alphabet.Length)]);
                    break;
                default:
                    text[at] = alphabet[random.Next(alphabet.Length)];
                    break;
            }
        }

        return text.ToString();
    }
}
