namespace VideoSeg.TestUtilities;

/// <summary>One mutated file a fuzz test feeds to a reader.</summary>
/// <param name="Description">What was done to the valid file, for the failure message.</param>
/// <param name="Bytes">The file's content.</param>
public sealed record FuzzCase(string Description, byte[] Bytes);
