namespace VideoSeg.Cli.Infrastructure;

/// <summary>
/// Identifies the code that computes a stage: the module version id of the implementing assembly,
/// which deterministic builds derive from its sources. Stamps record it, so that changing the
/// code of a stage reruns it and everything downstream, while an unchanged rebuild does not.
/// </summary>
public static class CodeVersion
{
    /// <summary>The module version id of the assembly defining <typeparamref name="T"/>.</summary>
    public static string Of<T>() => typeof(T).Assembly.ManifestModule.ModuleVersionId.ToString("N");
}
