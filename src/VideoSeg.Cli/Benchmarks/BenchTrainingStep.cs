using System;
using TorchSharp;
using TorchSharp.Modules;
using VideoSeg.Models.Loss;
using VideoSeg.Models.Network;
using VideoSeg.Models.Onnx;
using VideoSeg.Models.Training;
using static TorchSharp.torch;

namespace VideoSeg.Cli.Benchmarks;

/// <summary>A GWM network with GWM's AdamW groups, for timing one training step (loss, backward, clip, AdamW) from any logits.</summary>
internal sealed class BenchTrainingStep : IDisposable
{
    private readonly Parameter[] _trainable;
    private readonly AdamW _optimizer;

    public BenchTrainingStep(GwmNetworkOptions options, Device device, ResNet18Package? package)
    {
        Network = new GwmNetwork(options, device);
        if (Network.Backbone is ResNet18Backbone resNet && package is not null)
        {
            package.LoadInto(resNet);
        }

        Network.train();
        WeightDecayGroups groups = WeightDecayGrouping.Split(Network);
        _trainable = groups.All();
        _optimizer = groups.CreateAdamW(new GwmTrainingOptions());
    }

    public GwmNetwork Network { get; }

    public void Step(Func<Tensor> logits, FlowReconstructionLoss loss, Tensor flow)
    {
        using var scope = NewDisposeScope();
        _optimizer.zero_grad();
        Tensor value = loss.Compute(logits(), flow);
        value.backward();
        torch.nn.utils.clip_grad_norm_(_trainable, 0.01);
        _optimizer.step();
    }

    public void Dispose()
    {
        _optimizer.Dispose();
        Network.Dispose();
    }
}
