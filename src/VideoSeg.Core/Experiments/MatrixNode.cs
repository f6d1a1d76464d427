using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace VideoSeg.Core.Experiments;

/// <summary>
/// One value of the experiment matrix together with its JSON path (<c>$.configurations[2].gaps</c>).
/// Every getter checks the value's shape and throws one <see cref="ErrorCodes.InvalidMatrix"/> error
/// naming the path, what was expected and what was found; none of System.Text.Json's own exceptions
/// (InvalidOperationException, FormatException) can escape, so a malformed matrix never ends the CLI
/// with an unhandled exception.
/// </summary>
internal sealed class MatrixNode
{
    private const int MaxQuoted = 80;

    private readonly JsonElement _element;

    private MatrixNode(JsonElement element, string jsonPath, string file)
    {
        _element = element;
        JsonPath = jsonPath;
        File = file;
    }

    /// <summary>The JSON path of this value, e.g. <c>$.occlusion.alpha1</c>.</summary>
    public string JsonPath { get; }

    /// <summary>The matrix file, for the error's path.</summary>
    public string File { get; }

    /// <summary>The document's root, which must be an object with only <paramref name="allowedKeys"/>.</summary>
    public static MatrixNode RootObject(JsonElement root, string file, IReadOnlySet<string> allowedKeys) =>
        new MatrixNode(root, "$", file).CheckObject(allowedKeys, "the experiment matrix");

    /// <summary>An error about this value.</summary>
    public VideoSegException Error(string message) => Error(ErrorCodes.InvalidMatrix, message);

    /// <summary>An error about this value, with a code other than <see cref="ErrorCodes.InvalidMatrix"/>.</summary>
    public VideoSegException Error(string code, string message) =>
        new(code, $"{JsonPath}: {message}", File);

    /// <summary>An error about the property <paramref name="key"/> of this object.</summary>
    public VideoSegException ErrorAt(string key, string code, string message) => ChildPath(key).Error(code, message);

    /// <summary>Whether the object has <paramref name="key"/>.</summary>
    public bool Has(string key) => _element.TryGetProperty(key, out _);

    /// <summary>The object property <paramref name="key"/>, which must be an object with only <paramref name="allowedKeys"/>; null when absent.</summary>
    public MatrixNode? OptionalObject(string key, IReadOnlySet<string> allowedKeys, string what) =>
        Child(key)?.CheckObject(allowedKeys, what);

    /// <summary>Each element of this array, which must be an object with only <paramref name="allowedKeys"/>.</summary>
    public IReadOnlyList<MatrixNode> Objects(IReadOnlySet<string> allowedKeys, string what) =>
        Elements().Select(e => e.CheckObject(allowedKeys, what)).ToList();

    /// <summary>The property <paramref name="key"/>, which must be a non-empty array.</summary>
    public MatrixNode RequiredNonEmptyArray(string key, string expected)
    {
        MatrixNode value = Child(key) ?? throw Error($"the required key '{key}' is missing; expected {expected}");
        if (value._element.ValueKind != JsonValueKind.Array || value._element.GetArrayLength() == 0)
        {
            throw value.Error($"expected {expected}, got {Describe(value._element)}");
        }

        return value;
    }

    /// <summary>The string <paramref name="key"/>; an error when absent or not a string.</summary>
    public string RequiredString(string key) =>
        Child(key)?.AsString("a string") ?? throw Error($"the required key '{key}' is missing; expected a string");

    /// <summary>The string <paramref name="key"/>, or <paramref name="fallback"/> when absent.</summary>
    public string OptionalString(string key, string fallback) => Child(key)?.AsString("a string") ?? fallback;

    /// <summary>The string <paramref name="key"/>, or null when absent or JSON null.</summary>
    public string? OptionalNullableString(string key)
    {
        MatrixNode? value = Child(key);
        return value is null || value._element.ValueKind == JsonValueKind.Null ? null : value.AsString("a string or null");
    }

    /// <summary>The string <paramref name="key"/>, which must be one of <paramref name="allowed"/>; <paramref name="fallback"/> when absent.</summary>
    public string OptionalChoice(string key, string fallback, params string[] allowed)
    {
        MatrixNode? value = Child(key);
        if (value is null)
        {
            return fallback;
        }

        string expected = "one of " + string.Join(", ", allowed.Select(a => $"'{a}'"));
        string text = value.AsString(expected);
        return allowed.Contains(text, StringComparer.Ordinal) ? text : throw value.Error($"expected {expected}, got {Describe(value._element)}");
    }

    /// <summary>The boolean <paramref name="key"/>, or <paramref name="fallback"/> when absent.</summary>
    public bool OptionalBool(string key, bool fallback)
    {
        MatrixNode? value = Child(key);
        return value?._element.ValueKind switch
        {
            null => fallback,
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw value.Error($"expected true or false, got {Describe(value._element)}"),
        };
    }

    /// <summary>
    /// The integer <paramref name="key"/> in [<paramref name="min"/>, <paramref name="max"/>], or
    /// <paramref name="fallback"/> when absent. A fraction such as 1.5 is an error, not truncated.
    /// </summary>
    public int OptionalInt(string key, int fallback, int min, int max)
    {
        MatrixNode? value = Child(key);
        string expected = min == max
            ? string.Create(CultureInfo.InvariantCulture, $"the integer {min}")
            : string.Create(CultureInfo.InvariantCulture, $"an integer from {min} to {max}");
        return value is null ? fallback : value.AsInt(min, max, expected);
    }

    /// <summary>
    /// The finite number <paramref name="key"/>, or <paramref name="fallback"/> when absent; it must
    /// satisfy <paramref name="accept"/>, which <paramref name="expected"/> states for the message.
    /// </summary>
    public double OptionalDouble(string key, double fallback, Func<double, bool> accept, string expected)
    {
        MatrixNode? value = Child(key);
        if (value is null)
        {
            return fallback;
        }

        if (value._element.ValueKind != JsonValueKind.Number || !value._element.TryGetDouble(out double number) || !double.IsFinite(number) || !accept(number))
        {
            throw value.Error($"expected {expected}, got {Describe(value._element)}");
        }

        return number;
    }

    /// <summary>
    /// The array <paramref name="key"/> of integers in [<paramref name="min"/>, <paramref name="max"/>],
    /// non-empty and without repeats, or <paramref name="fallback"/> when absent.
    /// </summary>
    public int[] OptionalDistinctInts(string key, int[] fallback, int min, int max, string expected)
    {
        MatrixNode? value = Child(key);
        if (value is null)
        {
            return fallback;
        }

        if (value._element.ValueKind != JsonValueKind.Array || value._element.GetArrayLength() == 0)
        {
            throw value.Error($"expected {expected}, got {Describe(value._element)}");
        }

        var numbers = new List<int>();
        foreach (MatrixNode element in value.Elements())
        {
            int number = element.AsInt(min, max, expected);
            if (numbers.Contains(number))
            {
                throw element.Error(string.Create(CultureInfo.InvariantCulture, $"{number} appears more than once; expected {expected}"));
            }

            numbers.Add(number);
        }

        return [.. numbers];
    }

    /// <summary>Text from the file made safe for a one-line message: control characters escaped, text past <paramref name="maxLength"/> cut.</summary>
    public static string Printable(string text, int maxLength = MaxQuoted)
    {
        var printable = new StringBuilder(Math.Min(text.Length, maxLength) + 8);
        foreach (char c in text.Length > maxLength ? text[..maxLength] : text)
        {
            if (char.IsControl(c) || char.IsSurrogate(c))
            {
                printable.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                printable.Append(c);
            }
        }

        return text.Length > maxLength ? printable.Append('…').ToString() : printable.ToString();
    }

    private MatrixNode CheckObject(IReadOnlySet<string> allowedKeys, string what)
    {
        if (_element.ValueKind != JsonValueKind.Object)
        {
            throw Error($"expected {what} as a JSON object, got {Describe(_element)}");
        }

        // JsonDocument keeps every copy of a repeated key and TryGetProperty picks one of them;
        // which one wins is not something a matrix should depend on, so a repeat is an error.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonProperty property in _element.EnumerateObject())
        {
            string name = KeyOf(property);
            if (!seen.Add(name))
            {
                throw ChildPath(name).Error($"the key '{Printable(name)}' appears more than once in {what}");
            }

            if (!allowedKeys.Contains(name))
            {
                throw ChildPath(name).Error($"unknown key '{Printable(name)}' in {what}; expected one of {string.Join(", ", allowedKeys.Order(StringComparer.Ordinal))}");
            }
        }

        return this;
    }

    private string KeyOf(JsonProperty property)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            // An escaped unpaired surrogate (\ud800) passes the parser but cannot become a .NET string.
            throw Error("a key is not valid Unicode text (it holds an unpaired surrogate escape such as \\ud800)");
        }
    }

    private MatrixNode? Child(string key)
    {
        if (_element.ValueKind != JsonValueKind.Object)
        {
            throw Error($"expected a JSON object, got {Describe(_element)}");
        }

        return _element.TryGetProperty(key, out JsonElement value) ? new MatrixNode(value, JsonPath + Segment(key), File) : null;
    }

    private MatrixNode ChildPath(string key) => new(default, JsonPath + Segment(key), File);

    private IEnumerable<MatrixNode> Elements()
    {
        int index = 0;
        foreach (JsonElement element in _element.EnumerateArray())
        {
            yield return new MatrixNode(element, string.Create(CultureInfo.InvariantCulture, $"{JsonPath}[{index}]"), File);
            index++;
        }
    }

    private string AsString(string expected)
    {
        if (_element.ValueKind != JsonValueKind.String)
        {
            throw Error($"expected {expected}, got {Describe(_element)}");
        }

        try
        {
            return _element.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw Error($"expected {expected}, got a string that is not valid Unicode text (an unpaired surrogate escape such as \\ud800)");
        }
    }

    private int AsInt(int min, int max, string expected)
    {
        // Read as a double so that 2.0 and 1e0 count as the integers they are, while 1.5 and 1e10 are refused.
        if (_element.ValueKind != JsonValueKind.Number
            || !_element.TryGetDouble(out double number)
            || !double.IsFinite(number)
            || Math.Floor(number) != number
            || number < min
            || number > max)
        {
            throw Error($"expected {expected}, got {Describe(_element)}");
        }

        return (int)number;
    }

    private static string Segment(string key)
    {
        bool simple = key.Length > 0 && (char.IsAsciiLetter(key[0]) || key[0] == '_') && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
        return simple ? "." + key : $"['{Printable(key.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal))}']";
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"a string ('{PrintableString(element)}')",
        JsonValueKind.Number => $"the number {Printable(element.GetRawText())}",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string PrintableString(JsonElement element)
    {
        try
        {
            return Printable(element.GetString()!);
        }
        catch (InvalidOperationException)
        {
            return Printable(element.GetRawText());
        }
    }
}
