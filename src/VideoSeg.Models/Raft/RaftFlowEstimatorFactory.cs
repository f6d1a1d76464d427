using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using TorchSharp;
using VideoSeg.Core;
using VideoSeg.Core.IO;
using VideoSeg.Flow.Estimation;
using static TorchSharp.torch;

namespace VideoSeg.Models.Raft;

/// <summary>
/// Builds a <see cref="RaftFlowEstimator"/> for the flows stage from a weights file: the CLI's <c>--estimator raft</c>
/// or <c>raft-small</c> with <c>--raft-weights</c> and <c>--raft-iterations</c>. The stage's stamp and <c>flows.json</c>
/// record the iterations, the weights' path and SHA-256, and the weights file as an input, so new weights rerun it.
/// </summary>
public sealed class RaftFlowEstimatorFactory : IFlowEstimatorFactory
{
    private readonly RaftOptions _options;
    private readonly string _weights;
    private readonly Dictionary<string, string> _settings;

    /// <summary>Checks the options and hashes the weights file.</summary>
    /// <param name="options">The variant and iteration count.</param>
    /// <param name="weights">The <c>.pth</c> file: RAFT's <c>raft-things.pth</c>, <c>raft-sintel.pth</c>, <c>raft-small.pth</c>, …</param>
    /// <exception cref="VideoSegException">
    /// <see cref="ErrorCodes.InvalidArgument"/> for a bad iteration count; <see cref="ErrorCodes.MissingFile"/> when the weights are absent.
    /// </exception>
    public RaftFlowEstimatorFactory(RaftOptions options, string weights)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(weights);
        options.Validate();
        _weights = Path.GetFullPath(weights);
        if (!File.Exists(_weights))
        {
            throw new VideoSegException(ErrorCodes.MissingFile, $"RAFT weights not found: expected a .pth file (raft-things.pth, raft-small.pth, …) at '{_weights}'", _weights);
        }

        _options = options;
        _settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["iterations"] = options.Iterations.ToString(CultureInfo.InvariantCulture),
            ["padding"] = "sintel (replicate, symmetric)",
            ["weights"] = _weights,
            ["weightsSha256"] = ContentHash.OfFile(_weights),
        };
    }

    /// <inheritdoc />
    public string Name => _options.Variant == RaftVariant.Small ? "raft-small" : "raft";

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> Settings => _settings;

    /// <inheritdoc />
    public IReadOnlyList<string> Inputs => [_weights];

    /// <inheritdoc />
    public Type Code => typeof(RaftNetwork);

    /// <summary>Builds the network, loads the weights strictly (<see cref="RaftCheckpoints"/>) and moves it to <paramref name="device"/>.</summary>
    /// <param name="device">The stage's device.</param>
    /// <returns>The estimator, which owns the network.</returns>
    public IFlowEstimator Create(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        var network = new RaftNetwork(_options.Variant);
        try
        {
            RaftCheckpoints.Load(network, _weights);
            network.to(device);
            return new RaftFlowEstimator(network, _options, device);
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }
}
