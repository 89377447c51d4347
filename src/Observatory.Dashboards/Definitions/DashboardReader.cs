using System.Globalization;
using System.Text.RegularExpressions;
using Observatory.Indicators.Catalogue;
using Observatory.Indicators.Computation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Observatory.Dashboards.Definitions;

/// <summary>
/// Reads one dashboard file (<c>seed/dashboards/{id}.yaml</c>, described in its folder's README) and checks it: its
/// shape, its slicers and defaults, its pages; each tile is checked against the indicator catalogue by
/// <see cref="TileReader"/>. The YAML is read as nodes rather than deserialised, so every message can give the line.
/// </summary>
internal static partial class DashboardReader
{
    private static readonly string[] DashboardKeys = ["title", "summary", "order", "slicers", "defaults", "pages"];
    private static readonly string[] DefaultsKeys = ["period-type", "period", "area"];
    private static readonly string[] PageKeys = ["id", "title", "tiles"];

    // The dashboard's period slicer shows whole financial years or their quarters, as IndicatorValues labels them.
    private static readonly Dictionary<string, PeriodType> PeriodTypes = new()
    {
        [IndicatorCatalogue.PeriodName(PeriodType.FinancialYear)] = PeriodType.FinancialYear,
        [IndicatorCatalogue.PeriodName(PeriodType.Quarter)] = PeriodType.Quarter,
    };

    // The ICS and its two boroughs (seed/reference/areas.csv), the areas IndicatorValues are given for.
    private static readonly string[] Areas = [IndicatorComputation.IcsName, "Hackney", "City of London"];

    private const string Latest = "latest";

    /// <exception cref="DashboardException">The file is not valid YAML or not a dashboard the catalogue can draw.</exception>
    public static DashboardDefinition Read(string path, IndicatorCatalogue indicators)
    {
        var file = Path.GetFileName(path);
        var id = Path.GetFileNameWithoutExtension(path);
        if (!IsId(id))
        {
            throw new DashboardException(file, 1, "a dashboard's file name is its id, which is lowercase letters, digits and hyphens (e.g. talking-therapies.yaml)");
        }

        var dashboard = FileMapping.Read(file, Document(path, file), "a dashboard", DashboardKeys).Named("the dashboard");
        var title = dashboard.Required("title", "the dashboard's name, e.g. 'Talking Therapies equity'");
        var summary = dashboard.Required("summary", "a sentence saying what the dashboard shows");
        var defaults = Defaults(dashboard);
        var tiles = new TileReader(file, defaults.PeriodType, indicators);
        return new DashboardDefinition(id, title, summary, Order(dashboard), Slicers(dashboard), defaults, Pages(dashboard, tiles), file);
    }

    public static bool IsId(string text) => IdPattern().IsMatch(text);

    private static YamlNode Document(string path, string file)
    {
        var yaml = new YamlStream();
        using var reader = File.OpenText(path);
        var scanner = new Scanner(reader, skipComments: true);
        var parser = new Parser(scanner);
        try
        {
            yaml.Load(parser);
        }
        catch (YamlException e)
        {
            // The reader's start is the node it was reading, its end where it gave up: a tab or a quote left open lies between.
            var through = e.End.Line > e.Start.Line ? $" (from here to line {e.End.Line})" : "";
            throw new DashboardException(file, (int)e.Start.Line, $"not valid YAML{through}: {YamlReason(e)}");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way on some malformed text (aaubry/YamlDotNet#541), e.g. a list left open;
            // the fault lies between the last node it read and the point it stopped.
            var stopped = (int)scanner.CurrentPosition.Line;
            throw new DashboardException(file, parser.Current is { } last ? (int)last.End.Line : stopped,
                $"not valid YAML (from here to line {stopped}): look for a bracket or quote left open");
        }

        return yaml.Documents switch
        {
            [] => throw new DashboardException(file, 1, "the file is empty; a dashboard needs a title, a summary and pages"),
            [var document] => document.RootNode,
            [_, var second, ..] => throw new DashboardException(file, (int)second.RootNode.Start.Line,
                "a second YAML document (after ---); a dashboard file holds one dashboard"),
        };
    }

    // YamlDotNet puts the positions before its reason; the message already gives the line.
    private static string YamlReason(YamlException e) => PositionsPrefix().Replace(e.Message, "");

    // Dashboards without an order are listed after those with one.
    private static int Order(FileMapping dashboard) => dashboard.Text("order") is not { } text ? int.MaxValue
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var order) ? order
        : throw dashboard.Error("order", $"order must be a whole number (dashboards are listed by order, then id), not '{text}'");

    private static IReadOnlyList<string> Slicers(FileMapping dashboard)
    {
        var slicers = new List<string>();
        foreach (var (slicer, line) in dashboard.Words("slicers"))
        {
            if (!Slicer.All.Contains(slicer))
            {
                throw dashboard.At(line, $"unknown slicer '{slicer}'; the slicers are {string.Join(", ", Slicer.All)}{NearestName.Suggestion(slicer, Slicer.All)}");
            }

            slicers.Add(slicers.Contains(slicer) ? throw dashboard.At(line, $"slicer '{slicer}' is listed twice; list each slicer once, in the order shown") : slicer);
        }

        return slicers;
    }

    private static SlicerDefaults Defaults(FileMapping dashboard)
    {
        if (dashboard["defaults"] is not { } node)
        {
            return new SlicerDefaults(PeriodType.FinancialYear, null, IndicatorComputation.IcsName);
        }

        var defaults = FileMapping.Read(dashboard.File, node, "defaults", DefaultsKeys);
        var periodType = defaults.Text("period-type") is not { } typeName ? PeriodType.FinancialYear
            : PeriodTypes.TryGetValue(typeName, out var chosen) ? chosen
            : throw defaults.Error("period-type", $"period-type must be {string.Join(" or ", PeriodTypes.Keys)}, not '{typeName}'");
        var area = defaults.Text("area") ?? IndicatorComputation.IcsName;
        return Areas.Contains(area)
            ? new SlicerDefaults(periodType, Period(defaults, periodType), area)
            : throw defaults.Error("area", $"area must be one of '{string.Join("', '", Areas)}', not '{area}'");
    }

    private static string? Period(FileMapping defaults, PeriodType type)
    {
        var period = defaults.Text("period");
        if (period is null or Latest)
        {
            return null;
        }

        var (pattern, example) = type == PeriodType.Quarter ? (QuarterPattern(), "'Q1 2022/23'") : (FinancialYearPattern(), "'2022/23'");
        return pattern.Match(period) is { Success: true } match && (Year(match, "start") + 1) % 100 == Year(match, "end")
            ? period
            : throw defaults.Error("period", $"period '{period}' is not a {IndicatorCatalogue.PeriodName(type)} (period-type); " +
                                             $"write '{Latest}' for the latest complete one, or one like {example}");
    }

    private static int Year(Match match, string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    private static IReadOnlyList<DashboardPage> Pages(FileMapping dashboard, TileReader tiles)
    {
        var nodes = dashboard.List("pages");
        if (nodes.Count == 0)
        {
            throw dashboard.Error("pages", "the dashboard has no pages: list at least one under 'pages', each with an id, a title and tiles");
        }

        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        return [.. nodes.Select(node => Page(FileMapping.Read(dashboard.File, node, "a page", PageKeys), lines, tiles))];
    }

    private static DashboardPage Page(FileMapping page, Dictionary<string, int> lines, TileReader tiles)
    {
        var id = UniqueId(page, lines, "page");
        page = page.Named($"page '{id}'");
        var title = page.Required("title", "the name on the page's tab");
        var nodes = page.List("tiles");
        return nodes.Count == 0
            ? throw page.Error("tiles", $"page '{id}' has no tiles: list at least one under 'tiles', each with an id, a kind and an indicator")
            : new DashboardPage(id, title, [.. nodes.Select(tiles.Read)]);
    }

    /// <summary>A page's or a tile's id: required, lowercase letters, digits and hyphens, not used before in the dashboard.</summary>
    public static string UniqueId(FileMapping mapping, Dictionary<string, int> lines, string what)
    {
        var id = mapping.Required("id", $"each {what} has an id of lowercase letters, digits and hyphens, unique in the dashboard");
        if (!IsId(id))
        {
            throw mapping.Error("id", $"{what} id '{id}' must be lowercase letters, digits and hyphens (e.g. 'by-ethnic-group')");
        }

        if (lines.TryGetValue(id, out var first))
        {
            throw mapping.Error("id", $"{what} id '{id}' is already used at line {first}; each {what}'s id must be unique in the dashboard");
        }

        lines.Add(id, mapping.LineOf("id"));
        return id;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^(?<start>\d{4})/(?<end>\d{2})$")]
    private static partial Regex FinancialYearPattern();

    [GeneratedRegex(@"^Q[1-4] (?<start>\d{4})/(?<end>\d{2})$")]
    private static partial Regex QuarterPattern();

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex PositionsPrefix();
}
