using Observatory.Indicators.Catalogue;

namespace Observatory.Dashboards.Definitions;

/// <summary>
/// A board dashboard as its file declares it (<c>seed/dashboards/{id}.yaml</c>): pages of tiles, each showing catalogue
/// indicators by one breakdown, and the slicers a reader may change, with their defaults.
/// </summary>
/// <param name="Id">The file's name without .yaml; the dashboard's address is /dashboards/{id}.</param>
/// <param name="Order">Where it is listed at /dashboards (ascending).</param>
/// <param name="Slicers">The slicers shown, in order (<see cref="Slicer"/>).</param>
/// <param name="File">The file it was read from, for messages.</param>
public sealed record DashboardDefinition(
    string Id, string Title, string Summary, int Order, IReadOnlyList<string> Slicers, SlicerDefaults Defaults, IReadOnlyList<DashboardPage> Pages, string File)
{
    public IEnumerable<TileDefinition> Tiles => Pages.SelectMany(p => p.Tiles);

    /// <summary>Every indicator a tile of the dashboard shows.</summary>
    public IReadOnlySet<string> Indicators => Tiles.SelectMany(t => t.Indicators).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The period types the period slicer offers: of financial years and quarters, those every indicator the dashboard
    /// shows is given by (the SMI health checks, for one, are given by financial year only).
    /// </summary>
    public IReadOnlyList<PeriodType> PeriodTypes(IndicatorCatalogue catalogue) =>
        [.. new[] { PeriodType.FinancialYear, PeriodType.Quarter }.Where(p => Indicators.All(id => catalogue[id].Periods.Contains(p)))];
}

/// <summary>A page (a tab) of a dashboard.</summary>
/// <param name="Id">Unique within the dashboard: the page's address is /dashboards/{dashboard}?page={id}.</param>
public sealed record DashboardPage(string Id, string Title, IReadOnlyList<TileDefinition> Tiles);

/// <summary>One visual.</summary>
/// <param name="Id">Unique within the dashboard.</param>
/// <param name="Title">Shown above the tile; the first indicator's title when the file gives none.</param>
/// <param name="Kind">What it draws (<see cref="TileKind"/>).</param>
/// <param name="Indicators">Catalogue indicators, in the order shown: one for a bar or gradient, one or more otherwise.</param>
/// <param name="Breakdown">The breakdown whose groups it shows, or <see cref="Breakdown.Overall"/>; each indicator has it.</param>
/// <param name="Drill">The breakdown a group drills down to (ethnic-group to ethnic-category), or null.</param>
/// <param name="Periods">For a trend or heat map: the periods along the axis (financial-year, quarter or month).</param>
/// <param name="Width">Columns of the page's 12-column grid it spans (3 to 12).</param>
/// <param name="Line">The file's line declaring the tile, for messages.</param>
public sealed record TileDefinition(
    string Id, string Title, TileKind Kind, IReadOnlyList<string> Indicators, string Breakdown, string? Drill, PeriodType? Periods, int Width, string? Note, int Line);

public enum TileKind
{
    /// <summary>Cards: each indicator's overall value with its interval, against its target and its reference group, with the trend.</summary>
    Headline,

    /// <summary>A bar per group with its 95% interval, the reference group and the overall value marked; bars coloured by significance.</summary>
    Bar,

    /// <summary>Each indicator's overall value (or each group's) over successive periods, with the target.</summary>
    Trend,

    /// <summary>Bars by IMD quintile and the slope index of inequality with its interval.</summary>
    Gradient,

    /// <summary>A grid of values: indicators (and the breakdown's groups) down, periods across.</summary>
    Heatmap,
}

/// <summary>The slicers' values a dashboard opens with.</summary>
/// <param name="PeriodType">FinancialYear or Quarter.</param>
/// <param name="Period">A period as IndicatorValues name it ('2022/23', 'Q1 2022/23'), or null for the latest complete one.</param>
/// <param name="Area">The ICS or a borough.</param>
public sealed record SlicerDefaults(PeriodType PeriodType, string? Period, string Area);

/// <summary>The slicers a dashboard may show.</summary>
public static class Slicer
{
    /// <summary>Financial year or quarter.</summary>
    public const string Period = "period";

    /// <summary>The ICS or a borough.</summary>
    public const string Area = "area";

    /// <summary>The breakdowns a reader may slice by: the groups of each filter the facts (a condition on the breakdown's attribute).</summary>
    public static readonly IReadOnlyList<string> Breakdowns = ["service", "age-band", "gender", "imd-quintile"];

    public static IReadOnlyList<string> All { get; } = [Period, Area, .. Breakdowns];
}
