using System.Text.Json.Nodes;
using Observatory.Dashboards.Definitions;
using Observatory.Indicators.Catalogue;
using Observatory.Templates.Dax;
using Observatory.Templates.Model;

namespace Observatory.Templates.Report;

/// <summary>
/// The report of the Power BI project in the PBIR folder format: one page per page of the board dashboards
/// (<c>seed/dashboards</c>), with the dashboard's slicers across the top and its tiles below on the same 12-column
/// grid, each drawn from the indicator measures: a headline as a card of value and interval, a comparison as bars,
/// a gradient as columns by deprivation fifth, a trend as lines by period, a heat map as a matrix. A last page lists
/// the published values as the feed stores them.
/// </summary>
public sealed class ReportFiles(DashboardCatalogue dashboards, IndicatorCatalogue catalogue, TemplateModel model, ReportFields fields)
{
    private const int PageWidth = 1280;
    private const int Margin = 16;
    private const int SlicerHeight = 64;
    private const int TileHeight = 300;
    private const string VisualSchema = "item/report/definition/visualContainer/2.9.0/schema.json";

    public IEnumerable<(string Path, string Text)> Write()
    {
        yield return ("definition/version.json", Pbir.Write(new JsonObject
        {
            ["$schema"] = Pbir.Schema("item/report/definition/versionMetadata/1.0.0/schema.json"),
            ["version"] = "2.0.0",
        }));
        yield return ("definition/report.json", Pbir.Write(new JsonObject
        {
            ["$schema"] = Pbir.Schema("item/report/definition/report/3.3.0/schema.json"),
            // No theme named: a named base theme is a file Desktop keeps beside the report, so the default one is used.
            ["themeCollection"] = new JsonObject(),
        }));

        var pages = dashboards.Dashboards.SelectMany(d => d.Pages.Select(p => (Dashboard: d, Page: p, Name: PageName(d, p)))).ToList();
        yield return ("definition/pages/pages.json", Pbir.Write(new JsonObject
        {
            ["$schema"] = Pbir.Schema("item/report/definition/pagesMetadata/1.1.0/schema.json"),
            ["pageOrder"] = new JsonArray([.. pages.Select(p => JsonValue.Create(p.Name)), JsonValue.Create(PublishedPage)]),
            ["activePageName"] = pages[0].Name,
        }));
        foreach (var (dashboard, page, name) in pages)
        {
            var visuals = Visuals(dashboard, page).ToList();
            var height = visuals.Max(v => v.Bottom) + Margin;
            yield return ($"definition/pages/{name}/page.json", Pbir.Write(Page(dashboard, page, name, height)));
            foreach (var visual in visuals)
            {
                yield return ($"definition/pages/{name}/visuals/{visual.Name}/visual.json", Pbir.Write(visual.Json));
            }
        }

        var published = PublishedVisuals().ToList();
        yield return ($"definition/pages/{PublishedPage}/page.json", Pbir.Write(new JsonObject
        {
            ["$schema"] = Pbir.Schema("item/report/definition/page/2.1.0/schema.json"),
            ["name"] = PublishedPage,
            ["displayName"] = "Published values",
            ["displayOption"] = "FitToWidth",
            ["height"] = published.Max(v => v.Bottom) + Margin,
            ["width"] = PageWidth,
        }));
        foreach (var visual in published)
        {
            yield return ($"definition/pages/{PublishedPage}/visuals/{visual.Name}/visual.json", Pbir.Write(visual.Json));
        }
    }

    private const string PublishedPage = "published-values";

    /// <summary>
    /// The values the service publishes, as stored (IndicatorValues at the reader's disclosure level): what the
    /// dashboards show for their default views, with the judgements the feed made, to look up or export.
    /// </summary>
    private static IEnumerable<Visual> PublishedVisuals()
    {
        (string Table, string Column)[] slicers =
        [
            ("Indicators", "Theme"), ("Indicators", "Title"), ("IndicatorValues", "PeriodType"), ("IndicatorValues", "Period"),
            ("IndicatorValues", "Area"), ("IndicatorValues", "Breakdown"),
        ];
        var width = (PageWidth - Margin * (slicers.Length + 1)) / slicers.Length;
        foreach (var ((table, column), i) in slicers.Select((c, i) => (c, i)))
        {
            var name = $"slicer-{table}-{column}".ToLowerInvariant();
            yield return new Visual(name, Container(name, Position(Margin + i * (width + Margin), Margin, width, SlicerHeight, i + 1), "slicer",
                new JsonObject { ["Values"] = Role(Pbir.Column(table, column)) }, title: null), Margin + SlicerHeight);
        }

        string[] columns = ["Period", "Area", "Breakdown", "GroupName", "Numerator", "Denominator", "Value", "Lower95", "Upper95", "Suppression", "ComparedWithReference", "ComparedWithTarget", "Trend"];
        var top = Margin * 2 + SlicerHeight;
        yield return new Visual("values", Container("values", Position(Margin, top, PageWidth - 2 * Margin, 600, slicers.Length + 1), "tableEx",
            new JsonObject { ["Values"] = Role([Pbir.Column("Indicators", "Title"), .. columns.Select(c => Pbir.Column("IndicatorValues", c))]) },
            "Published values, as the feed gives them at your disclosure level"), top + 600);
    }

    private sealed record Visual(string Name, JsonObject Json, int Bottom);

    private static string PageName(DashboardDefinition dashboard, DashboardPage page) =>
        $"{dashboard.Id}-{page.Id}" is { Length: <= 50 } name ? name : Tmdl.Identity.Of($"page/{dashboard.Id}/{page.Id}").Replace("-", "", StringComparison.Ordinal)[..20];

    private JsonObject Page(DashboardDefinition dashboard, DashboardPage page, string name, int height)
    {
        var json = new JsonObject
        {
            ["$schema"] = Pbir.Schema("item/report/definition/page/2.1.0/schema.json"),
            ["name"] = name,
            ["displayName"] = dashboard.Pages.Count == 1 ? dashboard.Title : $"{dashboard.Title}: {page.Title}",
            ["displayOption"] = "FitToWidth",
            ["height"] = height,
            ["width"] = PageWidth,
        };
        if (dashboard.Defaults.Period is { } period)
        {
            // The dashboard opens on a named year: so does the page, through a filter the reader can change.
            var (table, column) = fields.Slicer(Slicer.Period);
            json["filterConfig"] = new JsonObject { ["filters"] = new JsonArray(PeriodFilter(table, column, period)) };
        }

        return json;
    }

    private static JsonObject PeriodFilter(string table, string column, string period) => new()
    {
        ["name"] = "default-period",
        ["field"] = Pbir.Column(table, column)["field"]!.DeepClone(),
        ["type"] = "Categorical",
        ["filter"] = new JsonObject
        {
            ["Version"] = 2,
            ["From"] = new JsonArray(new JsonObject { ["Name"] = "d", ["Entity"] = table, ["Type"] = 0 }),
            ["Where"] = new JsonArray(new JsonObject
            {
                ["Condition"] = new JsonObject
                {
                    ["In"] = new JsonObject
                    {
                        ["Expressions"] = new JsonArray(new JsonObject
                        {
                            ["Column"] = new JsonObject { ["Expression"] = new JsonObject { ["SourceRef"] = new JsonObject { ["Source"] = "d" } }, ["Property"] = column },
                        }),
                        ["Values"] = new JsonArray(new JsonArray(Pbir.Literal(Pbir.Text(period))["expr"]!.DeepClone())),
                    },
                },
            }),
        },
    };

    private IEnumerable<Visual> Visuals(DashboardDefinition dashboard, DashboardPage page)
    {
        var order = 0;
        var slicerWidth = (PageWidth - Margin * (dashboard.Slicers.Count + 1)) / Math.Max(1, dashboard.Slicers.Count);
        foreach (var (slicer, i) in dashboard.Slicers.Select((s, i) => (s, i)))
        {
            var (table, column) = fields.Slicer(slicer);
            var position = Position(Margin + i * (slicerWidth + Margin), Margin, slicerWidth, SlicerHeight, ++order);
            var container = Container($"slicer-{slicer}", position, "slicer", new JsonObject { ["Values"] = Role(Pbir.Column(table, column)) }, title: null);
            if (slicer == Slicer.Period)
            {
                LatestFirstAndOnlyOne(container, table, column);
            }

            yield return new Visual($"slicer-{slicer}", container, Margin + SlicerHeight);
        }

        // Tiles flow along the 12-column grid, a new row when the next one would not fit.
        var (x, y, rowHeight) = (0, Margin * 2 + SlicerHeight, 0);
        var columnWidth = (PageWidth - Margin) / 12.0;
        foreach (var tile in page.Tiles)
        {
            var height = tile.Kind == TileKind.Headline ? TileHeight / 2 : TileHeight;
            if (x + tile.Width > 12)
            {
                (x, y, rowHeight) = (0, y + rowHeight + Margin, 0);
            }

            var position = Position((int)(Margin + x * columnWidth), y, (int)(tile.Width * columnWidth) - Margin, height, ++order);
            yield return new Visual(tile.Id, Tile(tile, position), y + height);
            x += tile.Width;
            rowHeight = Math.Max(rowHeight, height);
        }
    }

    private JsonObject Tile(TileDefinition tile, JsonObject position)
    {
        var indicators = tile.Indicators.Select(id => catalogue[id]).ToList();
        JsonObject Measures(MeasurePart part) => Role([.. indicators.Select(i => Measure(i, part))]);
        var tooltips = Role([.. indicators.SelectMany(i => new[] { MeasurePart.Lower95, MeasurePart.Upper95, MeasurePart.Numerator, MeasurePart.Denominator }
            .Where(p => p != MeasurePart.Denominator || i.Denominator is not null).Select(p => Measure(i, p)))]);
        var breakdown = Indicators.Catalogue.Breakdown.Find(tile.Breakdown);
        // A tile that drills (ethnic group to category) has both levels, the first active: Power BI's drill-down.
        JsonObject Category()
        {
            var levels = new[] { breakdown, Indicators.Catalogue.Breakdown.Find(tile.Drill ?? "") }.OfType<Breakdown>()
                .Select(b => fields.Breakdown(b, indicators[0].Facts, indicators[0].Unit)).Distinct()
                .Select(column => Pbir.Column(column.Table, column.Column)).ToArray();
            if (levels.Length > 1)
            {
                levels[0]["active"] = true;
            }

            return Role(levels);
        }

        JsonObject Periods() => Role([.. ReportFields.Periods(tile.Periods).Select(p => Pbir.Column(p.Table, p.Column))]);

        var (visualType, roles) = tile.Kind switch
        {
            // A headline is its value with its interval, never the value alone.
            TileKind.Headline => ("multiRowCard", new JsonObject
            {
                ["Values"] = Role([.. indicators.SelectMany(i => new[] { MeasurePart.Value, MeasurePart.Lower95, MeasurePart.Upper95 }.Select(p => Measure(i, p)))]),
            }),
            TileKind.Bar when breakdown is not null => ("clusteredBarChart", new JsonObject { ["Category"] = Category(), ["Y"] = Measures(MeasurePart.Value), ["Tooltips"] = tooltips }),
            // Several indicators overall: one bar each.
            TileKind.Bar => ("clusteredBarChart", new JsonObject { ["Y"] = Measures(MeasurePart.Value), ["Tooltips"] = tooltips }),
            TileKind.Gradient when breakdown is not null => ("clusteredColumnChart", new JsonObject { ["Category"] = Category(), ["Y"] = Measures(MeasurePart.Value), ["Tooltips"] = tooltips }),
            TileKind.Trend => ("lineChart", new JsonObject { ["Category"] = Periods(), ["Y"] = Measures(MeasurePart.Value), ["Tooltips"] = tooltips }),
            TileKind.Heatmap when breakdown is not null => ("matrix", new JsonObject { ["Rows"] = Category(), ["Columns"] = Periods(), ["Values"] = Measures(MeasurePart.Value) }),
            _ => throw new TemplateException($"Tile {tile.Id}: no Power BI visual for a {tile.Kind} tile by {tile.Breakdown}."),
        };
        return Container(tile.Id, position, visualType, roles, tile.Title);
    }

    private JsonObject Measure(IndicatorDefinition indicator, MeasurePart part)
    {
        var measure = model.Measures.For(indicator.Id, part);
        return Pbir.Measure(measure.Table, measure.Name);
    }

    private static JsonObject Role(params JsonObject[] projections) => new() { ["projections"] = new JsonArray([.. projections]) };

    private static JsonObject Position(int x, int y, int width, int height, int order) => new()
    {
        ["x"] = x,
        ["y"] = y,
        ["z"] = order * 1000,
        ["width"] = width,
        ["height"] = height,
        ["tabOrder"] = order * 1000,
    };

    /// <summary>
    /// The period slicer lists years latest first and holds one at a time, so a page opens on the latest year as the
    /// dashboards do (a single-select slicer selects its first item), never on every year added together.
    /// </summary>
    private static void LatestFirstAndOnlyOne(JsonObject slicer, string table, string column)
    {
        var visual = slicer["visual"]!.AsObject();
        visual["query"]!["sortDefinition"] = new JsonObject
        {
            ["sort"] = new JsonArray(new JsonObject { ["field"] = Pbir.Column(table, column)["field"]!.DeepClone(), ["direction"] = "Descending" }),
            ["isDefaultSort"] = false,
        };
        visual["objects"] = new JsonObject
        {
            ["selection"] = new JsonArray(new JsonObject { ["properties"] = new JsonObject { ["singleSelect"] = Pbir.Literal("true") } }),
        };
    }

    private static JsonObject Container(string name, JsonObject position, string visualType, JsonObject queryState, string? title)
    {
        var visual = new JsonObject
        {
            ["visualType"] = visualType,
            ["query"] = new JsonObject { ["queryState"] = queryState },
        };
        if (title is not null)
        {
            visual["visualContainerObjects"] = new JsonObject
            {
                ["title"] = new JsonArray(new JsonObject
                {
                    ["properties"] = new JsonObject { ["show"] = Pbir.Literal("true"), ["text"] = Pbir.Literal(Pbir.Text(title)) },
                }),
            };
        }

        return new JsonObject
        {
            ["$schema"] = Pbir.Schema(VisualSchema),
            ["name"] = name,
            ["position"] = position,
            ["visual"] = visual,
        };
    }
}
