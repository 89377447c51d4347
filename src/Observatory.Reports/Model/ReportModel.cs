namespace Observatory.Reports.Model;

/// <summary>A number as a report shows it, and the feed URL (absolute) that produces it.</summary>
/// <param name="Value">The value itself (a proportion as 0 to 1), for charts and checks; empty when withheld or undefined.</param>
/// <param name="Text">As shown, e.g. "53.2%", "1,395", "withheld".</param>
/// <param name="Note">Why a value is missing, or what it means (shown on hover and to screen readers).</param>
public sealed record Figure(double? Value, string Text, string? Url = null, string? Note = null)
{
    public static Figure Plain(string text) => new(null, text);
}

/// <summary>A headline: a figure and the sentence it completes, with supporting figures (its interval, its base).</summary>
/// <param name="Id">Stable name, e.g. the indicator it comes from.</param>
/// <param name="Quote">What the published report said, for comparison.</param>
public sealed record Headline(string Id, Figure Figure, string Text, IReadOnlyList<Detail> Details, string? Quote = null);

public sealed record Detail(string Label, Figure Figure);

public sealed record TableRow(string Label, IReadOnlyList<Figure> Cells);

/// <summary>A table of figures: the accessible, linkable form of every chart.</summary>
public sealed record ValueTable(string Id, string Caption, IReadOnlyList<string> Columns, IReadOnlyList<TableRow> Rows);

/// <param name="Lower">Lower 95% confidence limits, drawn as error bars; empty for series without intervals.</param>
public sealed record ChartSeries(string Name, IReadOnlyList<double?> Values, IReadOnlyList<double?>? Lower = null, IReadOnlyList<double?>? Upper = null);

public enum ChartKind
{
    /// <summary>Bars, one per category and series, with 95% confidence intervals where given.</summary>
    Bar,
    /// <summary>Lines over periods.</summary>
    Line,
}

/// <param name="Unit">"%" for proportions (values 0 to 1), otherwise the unit shown on the axis.</param>
/// <param name="Target">A target drawn as a line across the chart, on the values' scale.</param>
public sealed record Chart(
    string Id, string Title, ChartKind Kind, string Unit, IReadOnlyList<string> Categories, IReadOnlyList<ChartSeries> Series,
    double? Target = null, string? TargetLabel = null, string? Table = null);

/// <param name="Notes">Caveats and definitions a reader needs.</param>
public sealed record ReportSection(
    string Id, string Title, string Introduction, IReadOnlyList<Headline> Headlines, IReadOnlyList<Chart> Charts,
    IReadOnlyList<ValueTable> Tables, IReadOnlyList<string> Notes);

/// <param name="Year">The financial year the report is for, e.g. "2021/22".</param>
/// <param name="Years">Every financial year the warehouse has values for.</param>
/// <param name="Disclosure">"Controlled" or "Unrestricted": which indicator values the report shows.</param>
/// <param name="FeedRoot">The feed's root URL, which every figure's link starts with.</param>
public sealed record Report(
    string Title, string Subtitle, string Year, IReadOnlyList<string> Years, string Disclosure, string FeedRoot, string Source,
    IReadOnlyList<ReportSection> Sections);
