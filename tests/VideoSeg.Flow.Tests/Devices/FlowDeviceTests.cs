using System;
using TorchSharp;
using VideoSeg.Core;
using VideoSeg.Flow.Devices;
using Xunit;
using static TorchSharp.torch;

namespace VideoSeg.Flow.Tests.Devices;

public sealed class FlowDeviceTests
{
    [Theory]
    [InlineData("cpu")]
    [InlineData(" CPU ")]
    public void Cpu_resolves_to_the_cpu(string requested)
    {
        Assert.Equal(DeviceType.CPU, FlowDevice.Resolve(requested).type);
    }

    [Fact]
    public void Auto_picks_cuda_exactly_when_it_is_available()
    {
        DeviceType expected = cuda.is_available() ? DeviceType.CUDA : DeviceType.CPU;

        Assert.Equal(expected, FlowDevice.Resolve("auto").type);
    }

    [SkippableFact]
    public void Cuda_without_a_gpu_is_an_argument_error()
    {
        Skip.If(cuda.is_available(), "this machine has CUDA");

        var error = Assert.Throws<VideoSegException>(() => FlowDevice.Resolve("cuda"));

        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
        Assert.Contains("CUDA is not available", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:x")]
    [InlineData("")]
    public void Unknown_names_are_argument_errors(string requested)
    {
        var error = Assert.Throws<VideoSegException>(() => FlowDevice.Resolve(requested));

        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
        Assert.Contains(FlowDevice.Choices, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_cpu_is_described_with_its_thread_count()
    {
        string description = FlowDevice.Describe(CPU);

        Assert.Equal($"cpu ({get_num_threads()} threads)", description);
    }
}
