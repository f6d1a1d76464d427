using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text;
using VideoSeg.Core.IO;

namespace VideoSeg.Core.Pipeline;

/// <summary>
/// Identifies all the code that computes a stage, for its stamp: the module version ids of the
/// stage's own assembly, of every VideoSeg assembly it references (transitively), and of the program
/// that runs it (the <c>videoseg</c> CLI, without the libraries it references). Deterministic builds derive a module version id from the
/// sources, so editing any line in any of those assemblies reruns the stage, while an unchanged
/// rebuild does not, and a change in a library the stage never loads leaves it alone.
/// </summary>
public static class CodeFingerprint
{
    /// <summary>
    /// The environment variable that simulates an edit, for tests: <c>Assembly=salt</c> pairs separated
    /// by ';' mix the salt into that assembly's identity, exactly as a change of its code would.
    /// </summary>
    public const string SimulatedEditVariable = "VIDEOSEG_SIMULATED_CODE_EDIT";

    /// <summary>The fingerprint of the code that <paramref name="stage"/>'s assembly runs.</summary>
    public static string Of(Type stage) => Of(stage, Environment.GetEnvironmentVariable(SimulatedEditVariable));

    /// <summary>
    /// The fingerprint of the code that <paramref name="stage"/>'s assembly runs, with the edits that
    /// <paramref name="simulatedEdits"/> simulates (<c>Assembly=salt</c> pairs separated by ';', as in
    /// <see cref="SimulatedEditVariable"/>; null for none).
    /// </summary>
    public static string Of(Type stage, string? simulatedEdits)
    {
        ArgumentNullException.ThrowIfNull(stage);
        Dictionary<string, string> edits = ParseEdits(simulatedEdits);
        var text = new StringBuilder();
        foreach (Assembly assembly in Closure(stage.Assembly).OrderBy(a => a.GetName().Name, StringComparer.Ordinal))
        {
            string name = assembly.GetName().Name!;
            text.Append(name).Append('=').Append(assembly.ManifestModule.ModuleVersionId.ToString("N"));
            if (edits.TryGetValue(name, out string? salt))
            {
                text.Append('+').Append(salt);
            }

            text.Append('\n');
        }

        return ContentHash.OfString(text.ToString());
    }

    private static HashSet<Assembly> Closure(Assembly root)
    {
        var seen = new HashSet<Assembly>();
        var pending = new Stack<Assembly>();
        pending.Push(root);

        // The program itself, but not what it references: the CLI references every library, and following
        // those would make every stage depend on every other stage's code.
        if (Assembly.GetEntryAssembly() is { } entry && IsOurs(entry.GetName()))
        {
            seen.Add(entry);
        }

        while (pending.Count > 0)
        {
            Assembly assembly = pending.Pop();
            if (!seen.Add(assembly))
            {
                continue;
            }

            foreach (AssemblyName reference in assembly.GetReferencedAssemblies().Where(IsOurs))
            {
                pending.Push(Assembly.Load(reference));
            }
        }

        return seen;
    }

    private static bool IsOurs(AssemblyName name) =>
        name.Name is { } n && (n.StartsWith("VideoSeg.", StringComparison.Ordinal) || n == "videoseg");

    private static Dictionary<string, string> ParseEdits(string? simulatedEdits)
    {
        var edits = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string pair in (simulatedEdits ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                edits[pair[..equals]] = pair[(equals + 1)..];
            }
        }

        return edits;
    }
}
