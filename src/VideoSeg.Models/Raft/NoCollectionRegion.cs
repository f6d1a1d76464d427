using System;
using System.Runtime;

namespace VideoSeg.Models.Raft;

/// <summary>
/// Runs a forward pass with no garbage collection inside it, as <see cref="Training.GwmTrainer"/> runs its steps:
/// TorchSharp hands temporary Scalars (RAFT's 2·x, x / 255, 0.25·mask, 1 − z, …) to native code without keeping them
/// alive, so a collection during a native call can finalize one still in use. A forward pass allocates a few thousand
/// small tensor handles, far below the region's budget; collections happen between passes.
/// </summary>
internal static class NoCollectionRegion
{
    private const long BudgetBytes = 32L * 1024 * 1024;

    /// <summary>The result of <paramref name="work"/>, run without collections where the GC allows the region.</summary>
    public static T Run<T>(Func<T> work)
    {
        bool noCollections = false;
        try
        {
            noCollections = GC.TryStartNoGCRegion(BudgetBytes);
        }
        catch (ArgumentOutOfRangeException)
        {
            // The budget exceeds what this GC configuration allows: run without the guard rather than not at all.
        }
        catch (InvalidOperationException)
        {
            // The region is process-wide and another thread (a concurrent pass or training step) holds it: this pass
            // runs inside that one while it lasts, and leaves ending it to its owner.
        }

        try
        {
            return work();
        }
        finally
        {
            if (noCollections && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
            {
                GC.EndNoGCRegion();
            }
        }
    }
}
