using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Xunit;

namespace VideoSeg.Cli.Tests.Architecture;

/// <summary>
/// Keeps the libraries' dependencies pointing one way (Core, then Data, Flow, Refine; Evaluation on Core
/// only, so the scorer never references what it scores; Reports on Core and Evaluation), and native torch
/// out of every library that does not compute with it.
/// </summary>
public sealed class ProjectDependencyTests
{
    public static TheoryData<string, string[]> AllowedReferences => new()
    {
        { "VideoSeg.Core", [] },
        { "VideoSeg.Data", ["VideoSeg.Core"] },
        { "VideoSeg.Flow", ["VideoSeg.Core", "VideoSeg.Data"] },
        { "VideoSeg.Refine", ["VideoSeg.Core", "VideoSeg.Data", "VideoSeg.Flow"] },
        { "VideoSeg.Models", ["VideoSeg.Core", "VideoSeg.Data", "VideoSeg.Flow"] },
        { "VideoSeg.Evaluation", ["VideoSeg.Core"] },
        { "VideoSeg.Reports", ["VideoSeg.Core", "VideoSeg.Evaluation"] },
    };

    [Theory]
    [MemberData(nameof(AllowedReferences))]
    public void LibrariesReferenceOnlyTheLibrariesBeneathThem(string assembly, string[] allowed)
    {
        IEnumerable<string> references = Load(assembly).GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(n => n.StartsWith("VideoSeg.", StringComparison.Ordinal));

        Assert.All(references, r => Assert.Contains(r, allowed));
    }

    [Theory]
    [InlineData("VideoSeg.Core")]
    [InlineData("VideoSeg.Data")]
    [InlineData("VideoSeg.Evaluation")]
    [InlineData("VideoSeg.Reports")]
    public void OnlyTheComputingLibrariesUseTorch(string assembly) =>
        Assert.DoesNotContain(Load(assembly).GetReferencedAssemblies(), a => a.Name == "TorchSharp");

    private static Assembly Load(string name) => Assembly.Load(new AssemblyName(name));
}
