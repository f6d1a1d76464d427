namespace VideoSeg.Models.Checkpoints;

/// <summary>An allow-listed class or function named by a pickle's GLOBAL opcode; it is never resolved to code.</summary>
internal sealed record PickleGlobal(string Module, string Name)
{
    public string FullName => Module + "." + Name;
}
