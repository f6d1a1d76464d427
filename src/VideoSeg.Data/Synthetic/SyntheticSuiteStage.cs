using System;
using System.Threading;
using System.Threading.Tasks;
using VideoSeg.Core.Pipeline;

namespace VideoSeg.Data.Synthetic;

/// <summary>
/// The generate stage: writes the embedded synthetic suite (frames, masks, ground-truth flows and
/// visibility) in the DAVIS layout with <see cref="SyntheticSuiteGenerator"/>. Deterministic for given
/// options and seed, and incremental: its stamp covers the options and the code (<see cref="CodeFingerprint"/>).
/// </summary>
public sealed class SyntheticSuiteStage
{
    /// <summary>The stage's name in stamps and logs.</summary>
    public const string Name = "generate";

    private readonly SyntheticSuiteStageOptions _options;

    /// <summary>Creates the stage.</summary>
    /// <exception cref="Core.VideoSegException">An option out of range (<see cref="SyntheticSuiteOptions.Validate"/>).</exception>
    public SyntheticSuiteStage(SyntheticSuiteStageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Suite);
        options.Suite.Validate();
        _options = options;
    }

    /// <summary>The incremental stage: output, stamp and parameters (the suite reads nothing).</summary>
    public IncrementalStage Describe() =>
        new IncrementalStage(Name, _options.Output)
            .WithCode(typeof(SyntheticSuiteStage))
            .WithParameter("options", _options.Suite);

    /// <summary>Runs the stage unless it is up to date (or <paramref name="force"/>).</summary>
    public Task<StageOutcome> RunAsync(bool force, IProgress<StageProgress>? progress, CancellationToken cancellationToken) =>
        Describe().RunToOutcomeAsync(
            (folder, token) => Task.Run(
                () => SyntheticSuiteGenerator.Generate(folder, _options.Suite, progress is null ? null : new SyntheticProgressForwarder(progress), token),
                token),
            force,
            cancellationToken);
}
