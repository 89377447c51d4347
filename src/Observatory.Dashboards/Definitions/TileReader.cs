using System.Globalization;
using Observatory.Indicators.Catalogue;
using YamlDotNet.RepresentationModel;

namespace Observatory.Dashboards.Definitions;

/// <summary>
/// Reads the tiles of one dashboard file and checks each against the indicator catalogue: its indicators exist and
/// have its breakdown, drill and periods, and together they make the kind of tile it says it is.
/// </summary>
/// <param name="dashboardPeriods">The period type the dashboard opens on, which every tile's indicators must be given by.</param>
internal sealed class TileReader(string file, PeriodType dashboardPeriods, IndicatorCatalogue catalogue)
{
    private static readonly string[] Keys = ["id", "title", "kind", "indicator", "indicators", "breakdown", "drill", "periods", "width", "note"];

    private static readonly Dictionary<string, TileKind> Kinds = new()
    {
        ["headline"] = TileKind.Headline, ["bar"] = TileKind.Bar, ["trend"] = TileKind.Trend,
        ["gradient"] = TileKind.Gradient, ["heatmap"] = TileKind.Heatmap,
    };

    // The periods a trend or heat map may run along: rolling 12-month windows overlap, so a run of them misleads.
    private static readonly PeriodType[] AxisPeriods = [PeriodType.FinancialYear, PeriodType.Quarter, PeriodType.Month];

    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);

    private sealed record Shown(IndicatorDefinition Definition, int Line);

    public TileDefinition Read(YamlNode node)
    {
        var tile = FileMapping.Read(file, node, "a tile", Keys);
        var id = DashboardReader.UniqueId(tile, _ids, "tile");
        tile = tile.Named($"tile '{id}'");
        var kind = Kind(tile);
        var indicators = Indicators(tile);
        var breakdown = BreakdownOf(tile, indicators);
        var drill = Drill(tile, breakdown, indicators);
        TileRules.Check(tile, kind, indicators.Count, breakdown?.Id ?? Breakdown.Overall);
        var periods = Periods(tile, kind, indicators);
        if (indicators.FirstOrDefault(i => !i.Definition.Periods.Contains(dashboardPeriods)) is { } missing)
        {
            throw tile.At(missing.Line, $"{tile.Name}: {missing.Definition.Id} is {GivenBy(missing.Definition)}, but the dashboard opens on " +
                                        $"{IndicatorCatalogue.PeriodName(dashboardPeriods)} (defaults: period-type); choose indicators given by it, " +
                                        $"or a period-type every tile's indicators are given by");
        }

        return new TileDefinition(
            id, tile.Text("title") ?? indicators[0].Definition.Title, kind, [.. indicators.Select(i => i.Definition.Id)],
            breakdown?.Id ?? Breakdown.Overall, drill?.Id, periods, Width(tile, kind), tile.Text("note"), tile.Line);
    }

    private static TileKind Kind(FileMapping tile)
    {
        var kind = tile.Required("kind", $"one of {string.Join(", ", Kinds.Keys)}");
        return Kinds.TryGetValue(kind, out var chosen) ? chosen
            : throw tile.Error("kind", $"{tile.Name}: unknown kind '{kind}'; the kinds are {string.Join(", ", Kinds.Keys)}{NearestName.Suggestion(kind, Kinds.Keys)}");
    }

    private List<Shown> Indicators(FileMapping tile)
    {
        var named = (tile.Has("indicator"), tile.Has("indicators")) switch
        {
            (true, true) => throw tile.Error("indicators", $"{tile.Name} has both 'indicator' and 'indicators'; give one indicator with 'indicator: x' or several with 'indicators: [x, y]'"),
            (true, false) => [(tile.Text("indicator") ?? throw tile.Error("indicator", $"{tile.Name}: 'indicator' is empty"), tile.LineOf("indicator"))],
            (false, true) => tile.Words("indicators"),
            (false, false) => throw tile.At(tile.Line, $"{tile.Name} has no indicator: give one with 'indicator: x' or several with 'indicators: [x, y]' (ids from seed/indicators)"),
        };
        if (named.Count == 0)
        {
            throw tile.Error("indicators", $"{tile.Name}: 'indicators' lists none; list one or more ids from seed/indicators");
        }

        var ids = catalogue.Indicators.Select(i => i.Id).ToList();
        var shown = new List<Shown>();
        foreach (var (id, line) in named)
        {
            var definition = catalogue.Indicators.FirstOrDefault(i => i.Id == id) ?? throw tile.At(line,
                $"{tile.Name} names indicator '{id}', which is not in the catalogue (seed/indicators)" +
                (NearestName.Suggestion(id, ids) is { Length: > 0 } suggestion ? suggestion : $"; the indicators are {string.Join(", ", ids)}"));
            shown.Add(shown.Any(s => s.Definition.Id == id) ? throw tile.At(line, $"{tile.Name} names indicator '{id}' twice; name each once") : new(definition, line));
        }

        return shown;
    }

    /// <summary>The tile's breakdown, or null for the overall figure.</summary>
    private static Breakdown? BreakdownOf(FileMapping tile, List<Shown> indicators)
    {
        var id = tile.Text("breakdown");
        if (id is null or Breakdown.Overall)
        {
            return null;
        }

        var breakdown = Breakdown.Find(id) ?? throw tile.Error("breakdown",
            $"{tile.Name}: unknown breakdown '{id}'; the breakdowns are {Breakdown.Overall}, {string.Join(", ", Breakdown.All.Select(b => b.Id))}" +
            NearestName.Suggestion(id, Breakdown.All.Select(b => b.Id)));
        return indicators.FirstOrDefault(i => !i.Definition.Breakdowns.Contains(id)) is { } missing
            ? throw tile.Error("breakdown", $"{tile.Name}: {missing.Definition.Id} is not given by {id}; {Common(indicators)}")
            : breakdown;
    }

    private static Breakdown? Drill(FileMapping tile, Breakdown? breakdown, List<Shown> indicators)
    {
        if (tile.Text("drill") is not { } id)
        {
            return null;
        }

        if (breakdown is null)
        {
            throw tile.Error("drill", $"{tile.Name} has a drill but no breakdown: a drill opens a group of the tile's breakdown into the groups " +
                                      "inside it; give the breakdown too (e.g. breakdown: ethnic-group with drill: ethnic-category)");
        }

        // The drill's groups carry the tile's group as their parent, on the same dimension (ethnic category in broad group).
        var nested = Breakdown.All.Where(b => b.Navigation == breakdown.Navigation && b.Parent == breakdown.Key).ToList();

        var drill = nested.FirstOrDefault(b => b.Id == id) ?? throw tile.Error("drill",
            $"{tile.Name}: drill '{id}' is not a breakdown whose groups sit inside {breakdown.Id}'s; " +
            (nested.Count == 0 ? $"{breakdown.Id} has no drill" : $"{breakdown.Id} drills to {string.Join(" or ", nested.Select(b => b.Id))}"));
        return indicators.FirstOrDefault(i => !i.Definition.Breakdowns.Contains(drill.Id)) is { } missing
            ? throw tile.Error("drill", $"{tile.Name}: {missing.Definition.Id} is not given by {drill.Id}, so its groups cannot be drilled into; {Common(indicators)}")
            : drill;
    }

    private static PeriodType? Periods(FileMapping tile, TileKind kind, List<Shown> indicators)
    {
        var name = tile.Text("periods");
        if (kind is not (TileKind.Trend or TileKind.Heatmap))
        {
            return name is null ? null
                : throw tile.Error("periods", $"{tile.Name}: 'periods' is for trend and heatmap tiles, which run along periods; " +
                                              $"a {Kinds.Single(k => k.Value == kind).Key} tile shows the period the dashboard's slicer chooses");
        }

        var periods = kind == TileKind.Trend ? PeriodType.FinancialYear : PeriodType.Month;
        if (name is not null)
        {
            var allowed = AxisPeriods.Select(IndicatorCatalogue.PeriodName).ToList();
            periods = allowed.Contains(name) ? AxisPeriods[allowed.IndexOf(name)]
                : throw tile.Error("periods", $"{tile.Name}: periods must be {string.Join(", ", allowed)}, not '{name}'");
        }

        if (indicators.FirstOrDefault(i => !i.Definition.Periods.Contains(periods)) is { } missing)
        {
            var common = AxisPeriods.Where(p => indicators.All(i => i.Definition.Periods.Contains(p))).Select(IndicatorCatalogue.PeriodName).ToList();
            throw tile.Error(name is null ? "kind" : "periods",
                $"{tile.Name}: {missing.Definition.Id} is {GivenBy(missing.Definition)}, not by {IndicatorCatalogue.PeriodName(periods)}" +
                (name is null ? $" (a {tile.Text("kind")} runs by {IndicatorCatalogue.PeriodName(periods)} unless 'periods' says otherwise)" : "") +
                (common.Count == 0 ? "; no period type suits every indicator of the tile" : $"; periods may be {string.Join(" or ", common)}"));
        }

        return periods;
    }

    // Twelve columns make a full row; a headline's cards take the row unless told otherwise.
    private static int Width(FileMapping tile, TileKind kind) => tile.Text("width") is not { } text ? kind == TileKind.Headline ? 12 : 6
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var width) && width is >= 3 and <= 12 ? width
        : throw tile.Error("width", $"{tile.Name}: width must be a whole number of columns from 3 to 12 (12 is the page's full width), not '{text}'");

    private static string Common(List<Shown> indicators)
    {
        var common = Breakdown.All.Select(b => b.Id).Where(b => indicators.All(i => i.Definition.Breakdowns.Contains(b)));
        var list = string.Join(", ", common.Prepend(Breakdown.Overall));
        return indicators.Count == 1 ? $"{indicators[0].Definition.Id} is given by {list}" : $"every indicator of the tile is given by {list}";
    }

    private static string GivenBy(IndicatorDefinition indicator) =>
        indicator.Periods.Count == 1 ? $"given by {IndicatorCatalogue.PeriodName(indicator.Periods[0])} only"
            : $"given by {string.Join(", ", indicator.Periods.Select(IndicatorCatalogue.PeriodName))}";
}
