using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using VideoSeg.Core;

namespace VideoSeg.Reports.Html;

/// <summary>
/// Reads an SVG file for inlining into the study page: parsed as XML with DTDs refused (so a malformed or hostile
/// file is an error, not a broken page), scripts, foreign objects and event handlers dropped, every identifier
/// scoped to the figure (two plots both declare <c>cl_1</c>, and in one HTML document the second would clip with
/// the first's path), and the root sized to the page's width; written back without the XML declaration.
/// </summary>
public static class InlineSvg
{
    private static readonly XNamespace s_svg = "http://www.w3.org/2000/svg";
    private static readonly Regex s_reference = new(@"url\(#([^)\s]+)\)", RegexOptions.CultureInvariant);

    /// <summary>The file's markup, ready to inline, with every identifier prefixed by <paramref name="scope"/> and a hyphen.</summary>
    /// <exception cref="VideoSegException"><see cref="ErrorCodes.BadLayout"/> when the file is not well-formed SVG.</exception>
    public static string Read(string path, string scope)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentException.ThrowIfNullOrEmpty(scope);
        XDocument document;
        try
        {
            using XmlReader reader = XmlReader.Create(path, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            document = XDocument.Load(reader);
        }
        catch (XmlException ex)
        {
            throw new VideoSegException(ErrorCodes.BadLayout, $"expected a well-formed SVG document to inline in the study page ({ex.Message})", path, ex);
        }

        XElement root = document.Root!;
        if (root.Name != s_svg + "svg")
        {
            throw new VideoSegException(ErrorCodes.BadLayout, $"expected an <svg> root element in the SVG namespace, found <{root.Name}>", path);
        }

        root.Descendants().Where(e => e.Name.LocalName is "script" or "foreignObject").ToList().ForEach(e => e.Remove());
        root.DescendantsAndSelf().Attributes().Where(a => a.Name.LocalName.StartsWith("on", StringComparison.OrdinalIgnoreCase)).ToList().ForEach(a => a.Remove());

        Scope(root, scope);

        // The plot's own size becomes its aspect ratio, so the figure scales with the page instead of overflowing it.
        if (root.Attribute("viewBox") is null && root.Attribute("width") is XAttribute width && root.Attribute("height") is XAttribute height)
        {
            root.SetAttributeValue("viewBox", $"0 0 {width.Value} {height.Value}");
        }

        root.SetAttributeValue("width", "100%");
        root.Attribute("height")?.Remove();
        root.SetAttributeValue("role", "img");
        return root.ToString(SaveOptions.DisableFormatting);
    }

    private static void Scope(XElement root, string scope)
    {
        List<XAttribute> declarations = root.DescendantsAndSelf().Attributes("id").ToList();
        if (declarations.Count == 0)
        {
            return;
        }

        var ids = declarations.Select(a => a.Value).ToHashSet(StringComparer.Ordinal);
        foreach (XAttribute declaration in declarations)
        {
            declaration.Value = scope + "-" + declaration.Value;
        }

        foreach (XAttribute attribute in root.DescendantsAndSelf().Attributes().Where(a => a.Name != "id").ToList())
        {
            string value = attribute.Value;
            if (attribute.Name.LocalName == "href" && value.StartsWith('#') && ids.Contains(value[1..]))
            {
                attribute.Value = "#" + scope + "-" + value[1..];
            }
            else if (value.Contains("url(#", StringComparison.Ordinal))
            {
                attribute.Value = s_reference.Replace(value, m => ids.Contains(m.Groups[1].Value) ? $"url(#{scope}-{m.Groups[1].Value})" : m.Value);
            }
        }
    }
}
