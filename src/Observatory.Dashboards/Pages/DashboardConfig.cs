using Microsoft.OData.Edm;
using Observatory.Dashboards.Definitions;
using Observatory.Indicators.Catalogue;
using Observatory.Indicators.Computation;
using Observatory.Indicators.Disclosure;
using Observatory.Indicators.Statistics;
using Observatory.Query.Model;

namespace Observatory.Dashboards.Pages;

/// <summary>
/// Who is looking at a dashboard: the disclosure level the feed answers them at, and the filters they cannot change
/// (a borough scope, or an embed token's locked filters, by slicer: <c>borough</c>, <c>service</c>, <c>age-band</c>,
/// <c>gender</c>, <c>imd-quintile</c>). The feed enforces both; the page only shows them.
/// </summary>
/// <param name="Feed">The feed's service root as the caller reaches it.</param>
public sealed record DashboardViewer(string Level, bool Embedded, IReadOnlyDictionary<string, IReadOnlyList<string>> Locks, string Feed, string ReportUrl)
{
    /// <summary>The lock on areas, named as embed tokens and scopes name it.</summary>
    public const string Borough = "borough";
}

/// <summary>
/// What a dashboard's page is told (serialised as JSON, read by client/src/config.ts): the definition resolved against the
/// catalogue and the warehouse, for one viewer. Figures are not in it: the page fetches them from the feed.
/// </summary>
public sealed record DashboardConfig(
    string Id, string Title, string Summary, string Feed, string Disclosure, bool Embedded, bool ForceLive,
    IReadOnlyList<SlicerConfig> Slicers, DefaultsConfig Defaults, IReadOnlyDictionary<string, IReadOnlyList<string>> Periods,
    IReadOnlyList<string> Areas, string Ics, IReadOnlyList<PageConfig> Pages, IReadOnlyDictionary<string, IndicatorConfig> Indicators,
    IReadOnlyDictionary<string, BreakdownConfig> Breakdowns, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Parents,
    IReadOnlyList<OptionConfig> Dashboards, string ReportUrl)
{
    public static DashboardConfig For(DashboardDefinition dashboard, IReadOnlyList<DashboardDefinition> dashboards, IndicatorCatalogue catalogue, DashboardFacts facts, DashboardViewer viewer)
    {
        // The period slicer offers the types every indicator shown is given by (the SMI health checks by year only).
        var types = dashboard.PeriodTypes(catalogue);
        var periods = facts.Periods[viewer.Level].ToDictionary(p => p.Key,
            p => p.Key == "month" || types.Contains(p.Key == "quarter" ? PeriodType.Quarter : PeriodType.FinancialYear) ? p.Value : (IReadOnlyList<string>)[]);
        var areaLocks = viewer.Locks.GetValueOrDefault(DashboardViewer.Borough) ?? [];
        var areas = areaLocks.Count > 0 ? [.. areaLocks] : new List<string> { IndicatorComputation.IcsName }.Concat(facts.Boroughs).ToList();
        var slicers = dashboard.Slicers.Select(id => Slicer(id, periods, areas, areaLocks, facts, viewer)).ToList();
        // A locked filter the dashboard has no slicer for still shows, as a locked slicer.
        slicers.AddRange(viewer.Locks.Keys.Where(k => k != DashboardViewer.Borough && !dashboard.Slicers.Contains(k)).Select(k => Slicer(k, periods, areas, areaLocks, facts, viewer)));
        if (areaLocks.Count > 0 && !dashboard.Slicers.Contains(Definitions.Slicer.Area))
        {
            slicers.Insert(0, Slicer(Definitions.Slicer.Area, periods, areas, areaLocks, facts, viewer));
        }

        var latest = periods[dashboard.Defaults.PeriodType == PeriodType.Quarter ? "quarter" : "financial-year"];
        var period = dashboard.Defaults.Period ?? (latest.Count > 0 ? latest[^1] : "");
        var area = areas.Contains(dashboard.Defaults.Area) ? dashboard.Defaults.Area : areas[0];
        var shown = dashboard.Indicators.Select(id => catalogue[id]).ToList();

        return new DashboardConfig(
            dashboard.Id, dashboard.Title, dashboard.Summary, viewer.Feed, viewer.Level, viewer.Embedded,
            ForceLive: viewer.Locks.Keys.Any(k => k != DashboardViewer.Borough),
            slicers, new DefaultsConfig(dashboard.Defaults.PeriodType == PeriodType.Quarter ? "quarter" : "financial-year", period, area),
            periods, areas, IndicatorComputation.IcsName,
            [.. dashboard.Pages.Select(p => new PageConfig(p.Id, p.Title, [.. p.Tiles.Select(Tile)]))],
            shown.ToDictionary(i => i.Id, i => Indicator(i, facts, viewer)),
            Breakdown.All.ToDictionary(b => b.Id, b => new BreakdownConfig(b.Id, b.Title, b.Reference, ParentOf(b))),
            Breakdown.All.Where(b => ParentOf(b) is not null).ToDictionary(b => b.Id,
                b => (IReadOnlyDictionary<string, string>)facts.Groups[b.Id].Where(g => g.Parent is not null).ToDictionary(g => g.Code, g => g.Parent!)),
            [.. dashboards.Select(d => new OptionConfig(d.Id, d.Title))],
            viewer.ReportUrl);
    }

    private static TileConfig Tile(TileDefinition t) => new(
        t.Id, t.Title, t.Kind.ToString().ToLowerInvariant(), t.Indicators, t.Breakdown, t.Drill,
        t.Periods is { } p ? IndicatorCatalogue.PeriodName(p) : null, t.Width, t.Note);

    /// <summary>The breakdown whose groups this one's roll up to (ethnic-category to ethnic-group).</summary>
    private static string? ParentOf(Breakdown breakdown) =>
        breakdown.Parent is null ? null : Breakdown.All.FirstOrDefault(b => b.Navigation == breakdown.Navigation && b.Key == breakdown.Parent)?.Id;

    private static SlicerConfig Slicer(string id, IReadOnlyDictionary<string, IReadOnlyList<string>> periods, IReadOnlyList<string> areas, IReadOnlyList<string> areaLocks,
        DashboardFacts facts, DashboardViewer viewer) => id switch
    {
        Definitions.Slicer.Period => new(id, "Period", [.. periods["financial-year"].Concat(periods["quarter"]).Select(p => new OptionConfig(p, p))], null),
        Definitions.Slicer.Area => new(id, "Area", [.. areas.Select(a => new OptionConfig(a, a))], areaLocks.Count > 0 ? areaLocks : null),
        _ => new(id, Breakdown.Find(id)?.Title ?? id,
            [.. facts.Groups.GetValueOrDefault(id, []).Select(g => new OptionConfig(g.Code, id == "imd-quintile" ? QuintileName(g.Code) : g.Name))],
            viewer.Locks.GetValueOrDefault(id)),
    };

    private static string QuintileName(string code) => code switch
    {
        "1" => "1 (most deprived)",
        "5" => "5 (least deprived)",
        _ => code,
    };

    private static IndicatorConfig Indicator(IndicatorDefinition i, DashboardFacts facts, DashboardViewer viewer) => new(
        i.Id, i.Title, i.Question, IndicatorCatalogue.UnitName(i.Unit), i.UnitLabel, IndicatorCatalogue.PolarityName(i.Polarity),
        i.Target?.Value, i.Target?.Description, i.Numerator.Description, i.Denominator?.Description, Methods.Describe(i.Unit), i.Source, i.Caveats,
        [.. i.Periods.Select(IndicatorCatalogue.PeriodName)], i.Breakdowns, facts.ByArea.Contains(i.Id), FilterPaths(i.Facts),
        $"{viewer.Feed}/Indicators('{Uri.EscapeDataString(i.Id)}')");

    /// <summary>For each breakdown the indicator's facts reach, the attribute that filters them by it (<c>Ethnicity/BroadGroup</c>).</summary>
    private static Dictionary<string, FilterPath> FilterPaths(string factSet)
    {
        var model = WarehouseEdm.Instance;
        var type = model.EntityContainer.FindEntitySet(factSet)?.EntityType;
        var paths = new Dictionary<string, FilterPath>(StringComparer.Ordinal);
        if (type is null)
        {
            return paths;
        }

        foreach (var breakdown in Breakdown.All)
        {
            if (type.FindProperty(breakdown.Navigation) is IEdmNavigationProperty navigation
                && navigation.ToEntityType().FindProperty(breakdown.Key) is IEdmStructuralProperty key)
            {
                paths[breakdown.Id] = new FilterPath($"{breakdown.Navigation}/{breakdown.Key}", !key.Type.IsString());
            }
        }

        return paths;
    }
}

public sealed record SlicerConfig(string Id, string Label, IReadOnlyList<OptionConfig> Options, IReadOnlyList<string>? Locked);

public sealed record OptionConfig(string Value, string Label);

public sealed record DefaultsConfig(string PeriodType, string Period, string Area);

public sealed record PageConfig(string Id, string Title, IReadOnlyList<TileConfig> Tiles);

public sealed record TileConfig(string Id, string Title, string Kind, IReadOnlyList<string> Indicators, string Breakdown, string? Drill, string? Periods, int Width, string? Note);

public sealed record IndicatorConfig(
    string Id, string Title, string Question, string Unit, string UnitLabel, string Polarity, double? Target, string? TargetDescription,
    string Numerator, string? Denominator, string Method, string Source, IReadOnlyList<string> Caveats, IReadOnlyList<string> Periods,
    IReadOnlyList<string> Breakdowns, bool ByArea, IReadOnlyDictionary<string, FilterPath> Filters, string DefinitionUrl);

public sealed record FilterPath(string Path, bool Numeric);

public sealed record BreakdownConfig(string Id, string Title, string? Reference, string? Parent);
