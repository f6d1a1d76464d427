using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using VideoSeg.Models.FineTuning;
using VideoSeg.Models.Tests.Checkpoints;
using VideoSeg.Models.Tests.Network;
using VideoSeg.TestUtilities;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace VideoSeg.Models.Tests.FineTuning;

/// <summary>
/// The paper-code consistency loss against the PyTorch peer's port in <c>eng/reference/gwm_small_reference.py</c>
/// (<c>paper_consistency_loss</c>, timed by <c>videoseg bench</c>): the same probabilities and flows give the same
/// loss and the same gradients with respect to both frames' probabilities, so the peer times the same computation.
/// </summary>
[Collection(nameof(SharedTorchGenerator))]
public sealed class ConsistencyLossPyTorchAgreementTests
{
    private readonly ITestOutputHelper _output;

    public ConsistencyLossPyTorchAgreementTests(ITestOutputHelper output) => _output = output;

    [SkippableFact]
    public void PaperCodeLossAndGradientsAgreeWithThePyTorchPeer()
    {
        Skip.IfNot(PythonTorch.IsAvailable, "/usr/bin/python3 with torch is not installed (apt-get install python3-torch).");
        string script = PythonTorch.ReferenceScript();
        using var temp = new TempDirectory();
        using var scope = NewDisposeScope();
        manual_seed(20240612);
        const int pairs = 4;
        const int height = 32;
        const int width = 48;

        // Logits with a blob that moves with the pair, so the corner rule's choice differs between frames and pairs.
        Tensor first = Probabilities(pairs, height, width, 0).requires_grad_();
        Tensor second = Probabilities(pairs, height, width, 1).requires_grad_();
        Tensor forward = randn(pairs, 2, height, width) * 3;
        Tensor backward = randn(pairs, 2, height, width) * 3;
        ConsistencyLossValue ours = new ConsistencyLoss(ConsistencyLossOptions.PaperCode).Compute(new ConsistencyPairBatch(first, second, forward, backward));
        ours.Total.backward();

        string inputs = temp.Combine("inputs.npz");
        NpzArchive.Write(inputs, new Dictionary<string, (long[], float[])>
        {
            ["first"] = (first.shape, first.detach().data<float>().ToArray()),
            ["second"] = (second.shape, second.detach().data<float>().ToArray()),
            ["forward"] = (forward.shape, forward.data<float>().ToArray()),
            ["backward"] = (backward.shape, backward.data<float>().ToArray()),
        });
        string outputs = temp.Combine("outputs.npz");
        string stdout = PythonTorch.Run($$$"""
            import json, runpy
            import numpy as np, torch
            peer = runpy.run_path({{{PythonTorch.Quote(script)}}})
            d = np.load({{{PythonTorch.Quote(inputs)}}})
            first = torch.from_numpy(d['first']).requires_grad_()
            second = torch.from_numpy(d['second']).requires_grad_()
            scale = torch.tensor(peer['PAPER_FLOW_SCALE']).view(1, 2, 1, 1)
            loss = peer['paper_consistency_loss'](first, second, torch.from_numpy(d['forward']) * scale, torch.from_numpy(d['backward']) * scale)
            loss.backward()
            channels = [[peer['select_mask'](p[b].detach()) for b in range(p.shape[0])] for p in (first, second)]
            np.savez({{{PythonTorch.Quote(outputs)}}}, loss=np.array([loss.item()]), first_grad=first.grad.numpy(), second_grad=second.grad.numpy())
            print(json.dumps({'channels': channels}))
            """);
        using JsonDocument summary = JsonDocument.Parse(stdout.Split('\n').First(line => line.StartsWith('{')));
        Dictionary<string, (long[] Shape, double[] Data)> reference = NpzArchive.Read(outputs);

        int[][] channels = summary.RootElement.GetProperty("channels").EnumerateArray().Select(a => a.EnumerateArray().Select(c => c.GetInt32()).ToArray()).ToArray();
        double loss = ours.Total.item<float>();
        double theirs = reference["loss"].Data[0];
        double firstDiff = MaxAbsDiff(first.grad!, reference["first_grad"].Data);
        double secondDiff = MaxAbsDiff(second.grad!, reference["second_grad"].Data);
        double gradientScale = first.grad!.abs().max().item<float>();
        _output.WriteLine($"loss ours {loss:R}, PyTorch {theirs:R}; channels {string.Join(",", ours.FirstChannels)} / {string.Join(",", ours.SecondChannels)}; gradient max |Δ| {firstDiff:E2}, {secondDiff:E2} (scale {gradientScale:E2})");

        Assert.Equal(ours.FirstChannels, channels[0]);
        Assert.Equal(ours.SecondChannels, channels[1]);
        Assert.Contains(0, ours.FirstChannels.Concat(ours.SecondChannels));
        Assert.Contains(1, ours.FirstChannels.Concat(ours.SecondChannels));
        Assert.True(Math.Abs(loss - theirs) < 1e-5 * Math.Abs(theirs), $"loss {loss} vs PyTorch {theirs}");
        Assert.True(gradientScale > 0, "no gradient");
        Assert.True(firstDiff < 1e-4 * gradientScale && secondDiff < 1e-4 * gradientScale, $"gradients differ by up to {Math.Max(firstDiff, secondDiff)} (scale {gradientScale})");
    }

    private static Tensor Probabilities(int pairs, int height, int width, int frame)
    {
        Tensor y = arange(height, dtype: ScalarType.Float32).view(1, height, 1) / height;
        Tensor x = arange(width, dtype: ScalarType.Float32).view(1, 1, width) / width;
        Tensor centre = (arange(pairs, dtype: ScalarType.Float32).view(pairs, 1, 1) * 0.15) + (0.05 * frame) + 0.2;
        Tensor blob = (((x - centre).square() / 0.04) + ((y - 0.5).square() / 0.09) < 1).to(ScalarType.Float32);

        // Pairs 0 and 2 put the blob in channel 1, pairs 1 and 3 in channel 0.
        Tensor flip = (arange(pairs).view(pairs, 1, 1) % 2).to(ScalarType.Float32);
        Tensor channel1 = (blob * (1 - flip)) + ((1 - blob) * flip);
        Tensor logits = stack([1 - channel1, channel1], 1) * 3 + randn(pairs, 2, height, width);
        return nn.functional.softmax(logits, 1).detach();
    }

    private static double MaxAbsDiff(Tensor ours, double[] theirs) =>
        ours.contiguous().data<float>().ToArray().Zip(theirs, (a, b) => Math.Abs(a - b)).Max();
}
