using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using VideoSeg.Core.Runtime;

namespace VideoSeg.Models;

/// <summary>Loads the libstdc++ shim before this assembly's first TorchSharp call.</summary>
internal static class ModuleInitializer
{
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255", Justification = "The shim must load before TorchSharp's static constructor runs, whoever calls first.")]
    internal static void Initialize() => NativeShim.EnsureLoaded();
}
