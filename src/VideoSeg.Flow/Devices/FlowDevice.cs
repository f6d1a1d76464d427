using System;
using System.Globalization;
using System.IO;
using System.Linq;
using TorchSharp;
using VideoSeg.Core;
using static TorchSharp.torch;

namespace VideoSeg.Flow.Devices;

/// <summary>Turns the user's device choice into a TorchSharp <see cref="Device"/> and describes it for logs and manifests.</summary>
public static class FlowDevice
{
    /// <summary>The values <see cref="Resolve"/> accepts.</summary>
    public const string Choices = "auto, cpu, cuda or cuda:N";

    /// <summary>
    /// Resolves <c>auto</c> (CUDA when <c>torch.cuda.is_available()</c>, else CPU), <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>
    /// (case-insensitive).
    /// </summary>
    /// <exception cref="VideoSegException">
    /// <see cref="ErrorCodes.InvalidArgument"/> for an unknown name, or for CUDA when no CUDA device is available.
    /// </exception>
    public static Device Resolve(string requested)
    {
        ArgumentNullException.ThrowIfNull(requested);
        string name = requested.Trim().ToLowerInvariant();
        if (name == "auto")
        {
            return cuda.is_available() ? CUDA : CPU;
        }

        if (name == "cpu")
        {
            return CPU;
        }

        if (name == "cuda" || name.StartsWith("cuda:", StringComparison.Ordinal))
        {
            int index = 0;
            if (name.Length > 4 && (!int.TryParse(name.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out index)))
            {
                throw new VideoSegException(ErrorCodes.InvalidArgument, $"device '{requested}' is not valid; expected {Choices}");
            }

            if (!cuda.is_available())
            {
                throw new VideoSegException(ErrorCodes.InvalidArgument, $"device '{requested}' was requested but CUDA is not available (no GPU, or the CPU-only libtorch is loaded); use 'cpu' or 'auto'");
            }

            int count = cuda.device_count();
            if (index >= count)
            {
                throw new VideoSegException(ErrorCodes.InvalidArgument, string.Create(CultureInfo.InvariantCulture, $"device '{requested}' does not exist; this machine has {count} CUDA device(s)"));
            }

            return new Device(DeviceType.CUDA, index);
        }

        throw new VideoSegException(ErrorCodes.InvalidArgument, $"device '{requested}' is not valid; expected {Choices}");
    }

    /// <summary>
    /// A human-readable description: <c>cpu (2 threads)</c>, or for CUDA the device index with the GPU's model name
    /// where the NVIDIA driver exposes it (Linux <c>/proc/driver/nvidia/gpus</c>).
    /// </summary>
    public static string Describe(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (device.type == DeviceType.CPU)
        {
            return string.Create(CultureInfo.InvariantCulture, $"cpu ({get_num_threads()} threads)");
        }

        int index = Math.Max(0, device.index);
        string label = string.Create(CultureInfo.InvariantCulture, $"{device.type.ToString().ToLowerInvariant()}:{index}");
        string? model = device.type == DeviceType.CUDA ? NvidiaModelName(index) : null;
        return model is null ? label : $"{label} ({model})";
    }

    private static string? NvidiaModelName(int index)
    {
        const string GpusFolder = "/proc/driver/nvidia/gpus";
        try
        {
            if (!Directory.Exists(GpusFolder))
            {
                return null;
            }

            // The driver lists GPUs by PCI bus id, which is also CUDA's default (PCI_BUS_ID-ordered) enumeration
            // only when CUDA_DEVICE_ORDER says so; this is a label for humans, not an identity.
            string[] gpus = Directory.GetDirectories(GpusFolder).Order(StringComparer.Ordinal).ToArray();
            if (index >= gpus.Length)
            {
                return null;
            }

            string information = Path.Combine(gpus[index], "information");
            string? line = File.Exists(information)
                ? File.ReadLines(information).FirstOrDefault(l => l.StartsWith("Model:", StringComparison.Ordinal))
                : null;
            return line?["Model:".Length..].Trim();
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
