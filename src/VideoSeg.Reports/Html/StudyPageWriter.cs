using System;
using System.Globalization;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Fluid;
using VideoSeg.Core;
using VideoSeg.Core.IO;

namespace VideoSeg.Reports.Html;

/// <summary>
/// Renders a <see cref="StudyPage"/> into one self-contained HTML file through the embedded Liquid template
/// (Fluid): every value is HTML-encoded on output, the only raw markup being SVG that <see cref="InlineSvg"/>
/// has parsed and cleaned; no script, style or font is fetched from anywhere.
/// </summary>
public static class StudyPageWriter
{
    /// <summary>The page's file name in a report folder.</summary>
    public const string FileName = "index.html";

    private const string TemplateResource = "VideoSeg.Reports.Html.StudyPage.liquid";

    // Encodes markup characters and quotes but leaves letters such as α and ± readable in the source.
    private static readonly HtmlEncoder s_encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private static readonly Lazy<IFluidTemplate> s_template = new(ParseTemplate);

    private static readonly TemplateOptions s_options = new TemplateOptionsBuilder()
        .WithCultureInfo(CultureInfo.InvariantCulture)
        .Build();

    /// <summary>Atomically writes the page to <paramref name="path"/>.</summary>
    public static void Write(string path, StudyPage page) => AtomicFile.WriteAllText(path, Render(page));

    /// <summary>The page's HTML.</summary>
    public static string Render(StudyPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var context = new TemplateContext(s_options);
        context.SetValue("page", page);
        return s_template.Value.Render(context, s_encoder);
    }

    private static IFluidTemplate ParseTemplate()
    {
        using Stream stream = typeof(StudyPageWriter).Assembly.GetManifestResourceStream(TemplateResource)
            ?? throw new VideoSegException(ErrorCodes.InternalError, $"the study page's template '{TemplateResource}' is not embedded in the Reports assembly");
        using var reader = new StreamReader(stream);
        string source = reader.ReadToEnd();
        return new FluidParser().TryParse(source, out IFluidTemplate? template, out string? error)
            ? template
            : throw new VideoSegException(ErrorCodes.InternalError, $"the study page's template does not parse: {error}", TemplateResource);
    }
}
