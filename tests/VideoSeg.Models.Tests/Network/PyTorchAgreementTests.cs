using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using VideoSeg.Models.Checkpoints;
using VideoSeg.Models.Loss;
using VideoSeg.Models.Network;
using VideoSeg.Models.Tests.Checkpoints;
using VideoSeg.TestUtilities;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace VideoSeg.Models.Tests.Network;

/// <summary>
/// The port against an independent PyTorch reading of GWM (<c>eng/reference/gwm_small_reference.py</c>): the
/// checkpoint our trainer exports is loaded there strictly, and the eval-mode logits and the flow reconstruction
/// loss must agree with ours.
/// </summary>
[Collection(nameof(SharedTorchGenerator))]
public sealed class PyTorchAgreementTests
{
    private readonly ITestOutputHelper _output;

    public PyTorchAgreementTests(ITestOutputHelper output) => _output = output;

    [SkippableFact]
    public void CpuSmall_LogitsAndLoss_AgreeWithThePyTorchReference()
    {
        Skip.IfNot(PythonTorch.IsAvailable, "/usr/bin/python3 with torch is not installed (apt-get install python3-torch).");
        string script = PythonTorch.ReferenceScript();
        using var temp = new TempDirectory();
        using var scope = NewDisposeScope();
        manual_seed(20240611);
        using var network = new GwmNetwork(GwmNetworkOptions.CpuSmall);
        network.eval();

        // Exported as GwmTrainer.SaveCheckpoint does: {'model': state dict, 'iteration': n}.
        string checkpoint = temp.Combine("model_0000000.pth");
        Dictionary<string, Tensor> stateDict = network.state_dict().ToDictionary(pair => pair.Key, pair => pair.Value.detach().cpu());
        PyTorchCheckpointWriter.Write(checkpoint, stateDict, new Dictionary<string, object?> { ["iteration"] = 0L });

        Tensor images = rand(2, 3, 128, 224) * 255;

        // Flows at a size other than the logits' (bilinear resizing of the masks), beyond ±20 px in places (the clip).
        Tensor flows = TwoMotionFlows(2, 240, 427);
        string inputs = temp.Combine("inputs.npz");
        NpzArchive.Write(inputs, new Dictionary<string, (long[], float[])>
        {
            ["images"] = (images.shape, images.data<float>().ToArray()),
            ["flows"] = (flows.shape, flows.data<float>().ToArray()),
        });

        Tensor logits;
        double loss;
        using (no_grad())
        {
            logits = network.forward(images);
            loss = new FlowReconstructionLoss().Compute(logits, flows).item<float>();
        }

        string outputs = temp.Combine("outputs.npz");
        string stdout = PythonTorch.Run($$$"""
            import runpy, sys
            sys.argv = [{{{PythonTorch.Quote(script)}}}, 'agree', '--checkpoint', {{{PythonTorch.Quote(checkpoint)}}}, '--inputs', {{{PythonTorch.Quote(inputs)}}},
                        '--out', {{{PythonTorch.Quote(outputs)}}}, '--threads', '{{{get_num_threads()}}}']
            try:
                runpy.run_path(sys.argv[0], run_name='__main__')
            except SystemExit as e:
                if e.code:
                    raise
            """);
        using JsonDocument summary = JsonDocument.Parse(stdout.Split('\n').First(line => line.StartsWith('{')));
        Dictionary<string, (long[] Shape, double[] Data)> reference = NpzArchive.Read(outputs);

        Assert.Equal(NetworkTestHelpers.UniqueParameterCount(network), summary.RootElement.GetProperty("parameters").GetInt64());
        Assert.Equal(logits.shape, reference["logits"].Shape);
        float[] ours = logits.contiguous().data<float>().ToArray();
        double[] theirs = reference["logits"].Data;
        double maxAbsDiff = ours.Zip(theirs, (a, b) => Math.Abs(a - b)).Max();
        double logitScale = theirs.Max(Math.Abs);
        double referenceLoss = reference["loss"].Data[0];
        double gwmLoss = reference["loss_gwm"].Data[0];
        double lossRelDiff = Math.Abs(loss - referenceLoss) / Math.Abs(referenceLoss);
        double gwmRelDiff = Math.Abs(loss - gwmLoss) / Math.Abs(gwmLoss);
        _output.WriteLine($"logits: max |Δ| {maxAbsDiff:E3}, max |logit| {logitScale:F4}; loss ours {loss:R}, PyTorch {referenceLoss:R} (rel {lossRelDiff:E2}), GWM's inv(R) solve {gwmLoss:R} (rel {gwmRelDiff:E2}); {summary.RootElement.GetProperty("torch").GetString()}");

        Assert.True(logitScale > 0.1, $"degenerate logits (max |logit| {logitScale})");
        Assert.True(maxAbsDiff < 1e-4 * Math.Max(1, logitScale), $"logits differ by up to {maxAbsDiff} (scale {logitScale})");
        Assert.True(lossRelDiff < 1e-4, $"loss {loss} vs PyTorch {referenceLoss}");
        Assert.True(gwmRelDiff < 1e-4, $"loss {loss} vs GWM's unregularised solve {gwmLoss}");
    }

    private static Tensor TwoMotionFlows(long batch, long height, long width)
    {
        Tensor x = (arange(height, dtype: ScalarType.Float32) / height).view(1, height, 1).expand(batch, height, width);
        Tensor y = (arange(width, dtype: ScalarType.Float32) / width).view(1, 1, width).expand(batch, height, width);
        Tensor shift = arange(batch, dtype: ScalarType.Float32).view(batch, 1, 1) * 0.1;
        Tensor inside = ((((x - 0.5 - shift) / 0.3).square() + ((y - 0.4) / 0.25).square()) < 1).to(ScalarType.Float32);
        Tensor backgroundU = (30 * x) - (8 * y) + (5 * x * y) - 4;
        Tensor backgroundV = (-6 * x) + (12 * y.square()) + 2;
        Tensor foregroundU = (-10 * x) + 25;
        Tensor foregroundV = (4 * y) - (3 * x.square()) - 18;
        Tensor u = (inside * foregroundU) + ((1 - inside) * backgroundU);
        Tensor v = (inside * foregroundV) + ((1 - inside) * backgroundV);
        return stack([u, v], 1) + (randn(batch, 2, height, width) * 0.5);
    }
}
