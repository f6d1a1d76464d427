using System.Collections.Generic;

namespace VideoSeg.Cli.Scheduling;

/// <summary>
/// One stage command of a plan: what <c>dotnet build -t:Reproduce</c> would run locally, recorded by the
/// <c>VideoSegCommand</c> task instead of run, so that the cluster runs the very same command lines.
/// </summary>
/// <param name="Command">The <c>videoseg</c> subcommand, e.g. <c>flows</c>.</param>
/// <param name="Arguments">Its arguments, verbatim.</param>
/// <param name="Environment">Environment for the command, as <c>NAME=value</c>.</param>
public sealed record PlanStep(string Command, IReadOnlyList<string> Arguments, IReadOnlyList<string> Environment);
