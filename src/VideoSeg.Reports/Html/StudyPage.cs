using System.Collections.Generic;

namespace VideoSeg.Reports.Html;

/// <summary>
/// Everything the study page shows, already formatted: the template adds structure and style only, so every
/// value on the page is one that the report's own rows (and therefore its CSVs) hold.
/// </summary>
/// <param name="Title">The page title.</param>
/// <param name="Summary">One sentence under the title: the suite and what was run.</param>
/// <param name="Environment">The environment block's facts, in its order.</param>
/// <param name="Provenance">The run's provenance: versions, parameters, input hashes.</param>
/// <param name="Stages">The stage stamps the run went through.</param>
/// <param name="Tables">The tables, in page order.</param>
/// <param name="Figures">The figures, in page order.</param>
/// <param name="Strips">One qualitative strip per sequence, worst base J first.</param>
/// <param name="Notes">Caveats and protocol sentences, shown under the tables.</param>
/// <param name="Links">Every file of the report folder.</param>
/// <param name="Generated">When and by what the page was written, in words.</param>
public sealed record StudyPage(
    string Title,
    string Summary,
    IReadOnlyList<PageFact> Environment,
    IReadOnlyList<PageFact> Provenance,
    IReadOnlyList<PageStage> Stages,
    IReadOnlyList<PageTable> Tables,
    IReadOnlyList<PageFigure> Figures,
    IReadOnlyList<PageStrip> Strips,
    IReadOnlyList<string> Notes,
    IReadOnlyList<PageLink> Links,
    string Generated);
