using Xunit;

namespace VideoSeg.Models.Tests.Network;

/// <summary>
/// Tests that seed torch's global generator and then build or run networks. They run in this non-parallel collection,
/// because any test building a module at the same time would draw from the same generator and break determinism.
/// </summary>
[CollectionDefinition(nameof(SharedTorchGenerator), DisableParallelization = true)]
public sealed class SharedTorchGenerator
{
}
