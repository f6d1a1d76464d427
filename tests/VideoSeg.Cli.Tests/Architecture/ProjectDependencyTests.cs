using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Xml.Linq;
using VideoSeg.TestUtilities;
using Xunit;

namespace VideoSeg.Cli.Tests.Architecture;

/// <summary>
/// The real shape of the solution, asserted both ways: every project's <c>ProjectReference</c> items are
/// exactly its row of the graph below, and every one of them is used by the compiled assembly (the
/// compiler records only the assemblies it used), so a reference can neither be missing nor linger unused.
/// The graph follows the stages: Core, then Data (acquire), Flow (flows, occlusions), Models (train,
/// base masks, the motion baseline among them), Refine, Evaluation and Reports, then the CLI that
/// wires them; Build.Tasks references none of ours and starts the CLI as a process.
/// </summary>
public sealed class ProjectDependencyTests
{
    /// <summary>Each project's VideoSeg references, exactly.</summary>
    private static readonly Dictionary<string, string[]> s_graph = new(StringComparer.Ordinal)
    {
        ["VideoSeg.Core"] = [],
        ["VideoSeg.Data"] = ["VideoSeg.Core"],
        ["VideoSeg.Flow"] = ["VideoSeg.Core", "VideoSeg.Data"],
        ["VideoSeg.Models"] = ["VideoSeg.Core", "VideoSeg.Data", "VideoSeg.Flow"],
        ["VideoSeg.Refine"] = ["VideoSeg.Core", "VideoSeg.Data", "VideoSeg.Flow"],
        ["VideoSeg.Evaluation"] = ["VideoSeg.Core", "VideoSeg.Data"],
        ["VideoSeg.Reports"] = ["VideoSeg.Core", "VideoSeg.Data", "VideoSeg.Evaluation"],
        ["VideoSeg.Cli"] = ["VideoSeg.Core", "VideoSeg.Data", "VideoSeg.Evaluation", "VideoSeg.Flow", "VideoSeg.Models", "VideoSeg.Refine", "VideoSeg.Reports"],
        ["VideoSeg.Build.Tasks"] = [],
    };

    public static TheoryData<string> Projects => new(s_graph.Keys);

    [Fact]
    public void TheGraphNamesEveryProjectUnderSrc()
    {
        string[] projects = Directory.GetFiles(Path.Combine(SharedData.RepositoryRoot, "src"), "*.csproj", SearchOption.AllDirectories)
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToArray();

        Assert.Equal(s_graph.Keys.Order(StringComparer.Ordinal), projects);
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void EachProjectReferencesExactlyItsRowOfTheGraph(string project)
    {
        string path = Path.Combine(SharedData.RepositoryRoot, "src", project, project + ".csproj");
        IEnumerable<string> declared = XDocument.Load(path).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(((string)r.Attribute("Include")!).Replace('\\', '/')));

        Assert.Equal(s_graph[project].Order(StringComparer.Ordinal), declared.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void EachDeclaredReferenceIsUsedByTheCompiledAssembly(string project)
    {
        // Build.Tasks is not beside the tests (they run the CLI, not the task); its empty row is checked above.
        if (project != "VideoSeg.Build.Tasks")
        {
            string file = Path.Combine(AppContext.BaseDirectory, (project == "VideoSeg.Cli" ? "videoseg" : project) + ".dll");
            IEnumerable<string> used = Assembly.LoadFrom(file).GetReferencedAssemblies()
                .Select(a => a.Name!)
                .Where(n => n.StartsWith("VideoSeg.", StringComparison.Ordinal));

            Assert.Equal(s_graph[project].Order(StringComparer.Ordinal), used.Order(StringComparer.Ordinal));
        }
    }

    [Theory]
    [InlineData("VideoSeg.Core")]
    [InlineData("VideoSeg.Data")]
    [InlineData("VideoSeg.Evaluation")]
    [InlineData("VideoSeg.Reports")]
    public void OnlyTheComputingLibrariesUseTorch(string assembly) =>
        Assert.DoesNotContain(Assembly.Load(new AssemblyName(assembly)).GetReferencedAssemblies(), a => a.Name == "TorchSharp");
}
