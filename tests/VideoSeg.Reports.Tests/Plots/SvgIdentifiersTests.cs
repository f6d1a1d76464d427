using VideoSeg.Reports.Plots;
using Xunit;

namespace VideoSeg.Reports.Tests.Plots;

public sealed class SvgIdentifiersTests
{
    [Fact]
    public void Resource_numbers_are_renumbered_in_order_of_appearance()
    {
        string svg = """<clipPath id="cl_7"/><g clip-path="url(#cl_7)"/><clipPath id="cl_12"/><g clip-path="url(#cl_12)"/><pattern id="pat_3"/><rect fill="url(#pat_3)"/>""";
        Assert.Equal(
            """<clipPath id="cl_1"/><g clip-path="url(#cl_1)"/><clipPath id="cl_2"/><g clip-path="url(#cl_2)"/><pattern id="pat_1"/><rect fill="url(#pat_1)"/>""",
            SvgIdentifiers.Normalize(svg));
    }

    [Fact]
    public void Renumbering_does_not_chain_and_leaves_other_text_alone()
    {
        string svg = """<clipPath id="cl_2"/><clipPath id="cl_1"/><use href="#cl_1"/><use href="#cl_2"/><text>cl_1 stays</text>""";
        Assert.Equal(
            """<clipPath id="cl_1"/><clipPath id="cl_2"/><use href="#cl_2"/><use href="#cl_1"/><text>cl_1 stays</text>""",
            SvgIdentifiers.Normalize(svg));
    }

    [Fact]
    public void Hexadecimal_numbers_are_renumbered_too()
    {
        // After enough renders in one process the counter reaches a0, 1a, …: Skia writes it in hexadecimal.
        string svg = """<clipPath id="cl_1a"/><g clip-path="url(#cl_1a)"/><clipPath id="cl_a0"/><g clip-path="url(#cl_a0)"/>""";
        Assert.Equal(
            """<clipPath id="cl_1"/><g clip-path="url(#cl_1)"/><clipPath id="cl_2"/><g clip-path="url(#cl_2)"/>""",
            SvgIdentifiers.Normalize(svg));
    }
}
