using CsvHelper.Configuration;

namespace VideoSeg.Reports.Tables;

/// <summary>
/// The Table 1 CSV's columns, in a fixed order that does not depend on reflection order, with
/// every double written in the same fixed six-decimal invariant format.
/// </summary>
internal sealed class Table1RowMap : ClassMap<Table1Row>
{
    /// <summary>The numeric format of every fractional column.</summary>
    internal const string NumberFormat = "F6";

    public Table1RowMap()
    {
        Parameter(nameof(Table1Row.Configuration)).Name(nameof(Table1Row.Configuration)).Index(0);
        Parameter(nameof(Table1Row.Method)).Name(nameof(Table1Row.Method)).Index(1);
        Parameter(nameof(Table1Row.Dataset)).Name(nameof(Table1Row.Dataset)).Index(2);
        Parameter(nameof(Table1Row.FlowSource)).Name(nameof(Table1Row.FlowSource)).Index(3);
        Parameter(nameof(Table1Row.BaseMasks)).Name(nameof(Table1Row.BaseMasks)).Index(4);
        Parameter(nameof(Table1Row.Sequences)).Name(nameof(Table1Row.Sequences)).Index(5);
        Parameter(nameof(Table1Row.Frames)).Name(nameof(Table1Row.Frames)).Index(6);
        Parameter(nameof(Table1Row.MeanJ)).Name(nameof(Table1Row.MeanJ)).Index(7);
        Parameter(nameof(Table1Row.DeltaJ)).Name(nameof(Table1Row.DeltaJ)).Index(8);
        Parameter(nameof(Table1Row.MeanF)).Name(nameof(Table1Row.MeanF)).Index(9);
        Parameter(nameof(Table1Row.DeltaF)).Name(nameof(Table1Row.DeltaF)).Index(10);
        Parameter(nameof(Table1Row.JRecall)).Name(nameof(Table1Row.JRecall)).Index(11);
        Parameter(nameof(Table1Row.JDecay)).Name(nameof(Table1Row.JDecay)).Index(12);

        Map(r => r.Configuration).Name(nameof(Table1Row.Configuration)).Index(0);
        Map(r => r.Method).Name(nameof(Table1Row.Method)).Index(1);
        Map(r => r.Dataset).Name(nameof(Table1Row.Dataset)).Index(2);
        Map(r => r.FlowSource).Name(nameof(Table1Row.FlowSource)).Index(3);
        Map(r => r.BaseMasks).Name(nameof(Table1Row.BaseMasks)).Index(4);
        Map(r => r.Sequences).Name(nameof(Table1Row.Sequences)).Index(5);
        Map(r => r.Frames).Name(nameof(Table1Row.Frames)).Index(6);
        Map(r => r.MeanJ).Name(nameof(Table1Row.MeanJ)).Index(7).TypeConverterOption.Format(NumberFormat);
        Map(r => r.DeltaJ).Name(nameof(Table1Row.DeltaJ)).Index(8).TypeConverterOption.Format(NumberFormat);
        Map(r => r.MeanF).Name(nameof(Table1Row.MeanF)).Index(9).TypeConverterOption.Format(NumberFormat);
        Map(r => r.DeltaF).Name(nameof(Table1Row.DeltaF)).Index(10).TypeConverterOption.Format(NumberFormat);
        Map(r => r.JRecall).Name(nameof(Table1Row.JRecall)).Index(11).TypeConverterOption.Format(NumberFormat);
        Map(r => r.JDecay).Name(nameof(Table1Row.JDecay)).Index(12).TypeConverterOption.Format(NumberFormat);
    }
}
