using System;
using System.Reflection;
using System.Runtime.InteropServices;

namespace VideoSeg.Core.Runtime;

/// <summary>Versions of the tools and packages a run used, for the doctor output and the manifest.</summary>
public static class ToolVersions
{
    /// <summary>The .NET runtime description, e.g. ".NET 10.0.1".</summary>
    public static string Runtime => RuntimeInformation.FrameworkDescription;

    /// <summary>The version of the assembly that defines <typeparamref name="T"/> (informational version when present).</summary>
    public static string Of<T>() => Of(typeof(T));

    /// <summary>The version of the assembly that defines <paramref name="type"/> (informational version when present).</summary>
    public static string Of(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        Assembly assembly = type.Assembly;
        string? informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        string version = informational ?? assembly.GetName().Version?.ToString() ?? "unknown";
        int plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus > 0 ? version[..plus] : version;
    }

    /// <summary>The operating system and architecture.</summary>
    public static string Platform => $"{RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture}";
}
