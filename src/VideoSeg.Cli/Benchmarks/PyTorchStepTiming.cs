using System.Text.Json;

namespace VideoSeg.Cli.Benchmarks;

/// <summary>The PyTorch peer's GWM training or fine-tuning step, as eng/reference/gwm_small_reference.py reports it.</summary>
/// <param name="Seconds">The median seconds per step.</param>
/// <param name="Threads">The torch threads it ran with.</param>
/// <param name="Version">PyTorch's version.</param>
/// <param name="Blas">The BLAS PyTorch was built with.</param>
public sealed record PyTorchStepTiming(double Seconds, int Threads, string Version, string Blas)
{
    /// <summary>
    /// Reads the JSON line the script's <c>bench</c> and <c>finetune-bench</c> modes print; throws
    /// <see cref="JsonException"/> or <see cref="System.Collections.Generic.KeyNotFoundException"/> when it is not one.
    /// </summary>
    public static PyTorchStepTiming Parse(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement root = document.RootElement;
        return new PyTorchStepTiming(
            root.GetProperty("seconds_per_step").GetDouble(),
            root.GetProperty("threads").GetInt32(),
            root.GetProperty("torch").GetString() ?? "?",
            root.GetProperty("blas").GetString() ?? "?");
    }
}
