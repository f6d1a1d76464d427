using System;
using System.CommandLine;
using TorchSharp;
using VideoSeg.Cli.Infrastructure;
using VideoSeg.Core.Runtime;
using VideoSeg.Flow.Devices;

namespace VideoSeg.Cli.Commands;

/// <summary><c>videoseg doctor</c>: what this machine will compute with, and whether the libstdc++ fix is in effect.</summary>
public static class DoctorCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        Option<string> device = CommonOptions.Device();
        var command = new Command("doctor", "Print the torch backend, device, libtorch version, thread count and whether the libstdc++ fix was applied.") { device };
        command.SetAction(parse =>
        {
            Console.Out.WriteLine($"videoseg        {ToolVersions.Of(typeof(Program))}");
            Console.Out.WriteLine($"runtime         {ToolVersions.Runtime} on {ToolVersions.Platform}");
            Console.Out.WriteLine($"libstdc++ fix   build: {NativeShim.DescribeBuildFix()}");
            Console.Out.WriteLine($"                shim loaded in this process: {(NativeShim.Loaded ? "yes" : "no")}");
            Console.Out.WriteLine($"TorchSharp      {ToolVersions.Of<torch.Tensor>()}");
            Console.Out.WriteLine($"libtorch        {torch.__version__}");
            Console.Out.WriteLine($"backend         {(torch.cuda.is_available() ? "CUDA available" : "CPU only")} (CUDA devices: {(torch.cuda.is_available() ? torch.cuda.device_count() : 0)})");
            Console.Out.WriteLine($"device          {FlowDevice.Describe(FlowDevice.Resolve(parse.GetValue(device)!))}");
            Console.Out.WriteLine($"threads         {torch.get_num_threads()} intra-op, {Environment.ProcessorCount} logical processors");
            return ExitCodes.Success;
        });
        return command;
    }
}
