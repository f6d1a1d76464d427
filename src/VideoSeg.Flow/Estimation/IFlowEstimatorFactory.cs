using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace VideoSeg.Flow.Estimation;

/// <summary>
/// A flow estimator whose code lives outside VideoSeg.Flow (RAFT, in VideoSeg.Models, which Flow may not reference):
/// the program that wires the stages (the CLI) builds it and hands it to <see cref="FlowsStage"/> in
/// <see cref="FlowsStageOptions.EstimatorFactory"/>; the stage creates the estimator on its device and records what the
/// factory reports, so that changing the weights, a setting or the estimator's code reruns the stage.
/// </summary>
public interface IFlowEstimatorFactory
{
    /// <summary>The estimator's name, as <see cref="FlowEstimatorNames"/> spells its kind (e.g. <c>raft</c>).</summary>
    public string Name { get; }

    /// <summary>Settings recorded in the stage's stamp and in <c>flows.json</c> (e.g. iterations, the weights' SHA-256).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>Files the flows depend on (e.g. the weights), content-hashed into the stamp; the output may not overlap them.</summary>
    public IReadOnlyList<string> Inputs { get; }

    /// <summary>A type of the assembly that computes the flows, whose code fingerprint goes into the stamp.</summary>
    public Type Code { get; }

    /// <summary>Creates the estimator on <paramref name="device"/>; the stage disposes it when it is <see cref="IDisposable"/>.</summary>
    /// <param name="device">The stage's resolved device.</param>
    /// <returns>The estimator.</returns>
    public IFlowEstimator Create(Device device);
}
