using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using VideoSeg.Core.Runtime;

namespace VideoSeg.Runtime;

/// <summary>
/// Loads the libstdc++ shim before the assembly's first TorchSharp call. Directory.Build.targets
/// compiles this one file into every project that uses TorchSharp, since whichever of them calls
/// TorchSharp first must have loaded the shim before TorchSharp's static constructor runs.
/// </summary>
internal static class TorchSharpModuleInitializer
{
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255", Justification = "The shim must load before TorchSharp's static constructor runs, whoever calls first.")]
    internal static void Initialize() => NativeShim.EnsureLoaded();
}
