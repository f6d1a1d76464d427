using System;
using System.Collections.Generic;
using VideoSeg.Core.Pipeline;

namespace VideoSeg.Reports.Provenance;

/// <summary>
/// Everything needed to say how a run's results were produced and to check them later: when,
/// from which commit, with which tools, device, seeds and parameters, on which inputs, and the
/// hashes of what it wrote.
/// </summary>
/// <param name="SchemaVersion">The manifest format's version; <see cref="CurrentSchemaVersion"/> for new manifests.</param>
/// <param name="StartedUtc">When the run started (UTC).</param>
/// <param name="FinishedUtc">When the run finished (UTC).</param>
/// <param name="Environment">Commit, SDK, runtime, TorchSharp and libtorch versions, device, seeds and suite.</param>
/// <param name="ToolVersions">Further tool and package versions by name (e.g. "CsvHelper" → "33.1.0").</param>
/// <param name="Parameters">The run's parameters by name, as strings.</param>
/// <param name="MatrixHash">The SHA-256 of the experiment matrix that was run.</param>
/// <param name="InputHashes">SHA-256 of every input, by repository-relative path.</param>
/// <param name="OutputHashes">SHA-256 of every output, by repository-relative path.</param>
/// <param name="Stages">The stamps of the stages the run went through, in order.</param>
/// <param name="Protocol">In words: the scoring protocol (frames counted, oracle choices, resolution).</param>
public sealed record RunManifest(
    int SchemaVersion,
    DateTimeOffset StartedUtc,
    DateTimeOffset FinishedUtc,
    EnvironmentBlock Environment,
    IReadOnlyDictionary<string, string> ToolVersions,
    IReadOnlyDictionary<string, string> Parameters,
    string MatrixHash,
    IReadOnlyDictionary<string, string> InputHashes,
    IReadOnlyDictionary<string, string> OutputHashes,
    IReadOnlyList<StageStamp> Stages,
    string Protocol)
{
    /// <summary>The schema version this library writes and reads.</summary>
    public const int CurrentSchemaVersion = 1;
}
