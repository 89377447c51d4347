using Observatory.Dashboards.Definitions;
using Observatory.Indicators.Catalogue;

namespace Observatory.Tests.Dashboards;

public class DashboardCatalogueTests
{
    private static readonly IndicatorCatalogue Indicators = IndicatorCatalogue.Load();

    // Line numbers matter: the cases below name the line each change lands on.
    private const string Dashboard = """
        title: Test
        summary: A dashboard for tests.
        order: 1
        slicers: [period, area]
        pages:
          - id: first
            title: First
            tiles:
              - id: recovery
                kind: bar
                indicator: tt-recovery
                breakdown: ethnic-group
                drill: ethnic-category
              - id: trend
                kind: trend
                indicator: smi-all-six
                periods: financial-year

        """;

    [Fact]
    public void TheShippedDashboardsLoadAgainstTheShippedCatalogue()
    {
        var dashboards = DashboardCatalogue.Load(Indicators);

        Assert.Equal(["overview", "talking-therapies", "camhs", "smi-health-checks", "growing-minds", "data-completeness"],
            dashboards.Dashboards.Select(d => d.Id));
        var ids = Indicators.Indicators.Select(i => i.Id).ToHashSet();
        Assert.All(dashboards.Dashboards.SelectMany(d => d.Tiles), tile => Assert.Subset(ids, tile.Indicators.ToHashSet()));
        Assert.All(dashboards.Dashboards, d => Assert.Equal($"{d.Id}.yaml", d.File));
    }

    [Fact]
    public void ADashboardIsFoundByItsId()
    {
        var dashboards = DashboardCatalogue.Load(Indicators);

        Assert.Equal("Talking Therapies equity", dashboards.Find("talking-therapies")?.Title);
        Assert.Null(dashboards.Find("talking therapies"));
    }

    [Fact]
    public void ThePeriodSlicerOffersOnlyThePeriodTypesEveryIndicatorIsGivenBy()
    {
        var dashboards = DashboardCatalogue.Load(Indicators);

        Assert.Equal([PeriodType.FinancialYear], dashboards.Find("smi-health-checks")!.PeriodTypes(Indicators));
        Assert.Equal([PeriodType.FinancialYear, PeriodType.Quarter], dashboards.Find("talking-therapies")!.PeriodTypes(Indicators));
    }

    [Fact]
    public void WhatAFileLeavesOutTakesItsDefault()
    {
        using var folder = new TemporaryFolder();
        folder.Write("test.yaml", Dashboard.Replace("periods: financial-year", "", StringComparison.Ordinal) + """
                  - id: cards
                    kind: headline
                    indicators: [tt-recovery, tt-dropout]
            """);

        var dashboard = Assert.Single(DashboardCatalogue.Load(folder.Path, Indicators).Dashboards);

        Assert.Equal(new SlicerDefaults(PeriodType.FinancialYear, null, "City and Hackney"), dashboard.Defaults);
        var (bar, trend, headline) = (dashboard.Tiles.ElementAt(0), dashboard.Tiles.ElementAt(1), dashboard.Tiles.ElementAt(2));
        Assert.Equal(("Talking Therapies recovery rate", 6, 9, (PeriodType?)null), (bar.Title, bar.Width, bar.Line, bar.Periods));
        Assert.Equal((PeriodType.FinancialYear, Breakdown.Overall, (string?)null), (trend.Periods, trend.Breakdown, trend.Drill));
        Assert.Equal(12, headline.Width);
    }

    [Theory]
    // An indicator the catalogue lacks, with the nearest id.
    [InlineData("indicator: tt-recovery", "indicator: tt-recovry", 11,
        "tile 'recovery' names indicator 'tt-recovry', which is not in the catalogue (seed/indicators); did you mean 'tt-recovery'?")]
    [InlineData("indicator: smi-all-six", "indicator: happiness", 16, "which is not in the catalogue (seed/indicators); the indicators are tt-")]
    // A breakdown the indicator is not given by, naming those it is.
    [InlineData("indicator: smi-all-six", "indicator: smi-all-six\n        breakdown: disability", 17,
        "smi-all-six is not given by disability; smi-all-six is given by overall, ethnic-group, ethnic-category, age-band, gender, imd-quintile")]
    [InlineData("breakdown: ethnic-group", "breakdown: ethnicity", 12, "unknown breakdown 'ethnicity'; the breakdowns are overall, ethnic-group,")]
    // A drill that does not nest in the breakdown, or has no breakdown to drill from.
    [InlineData("drill: ethnic-category", "drill: age-band", 13, "drill 'age-band' is not a breakdown whose groups sit inside ethnic-group's; ethnic-group drills to ethnic-category")]
    [InlineData("indicator: smi-all-six", "indicator: smi-all-six\n        drill: ethnic-category", 17, "tile 'trend' has a drill but no breakdown")]
    // A slicer (a field of the dashboard) that is not one.
    [InlineData("slicers: [period, area]", "slicers: [period, ward]", 4, "unknown slicer 'ward'; the slicers are period, area, service, age-band, gender, imd-quintile")]
    [InlineData("slicers: [period, area]", "slicers: [period, area, period]", 4, "slicer 'period' is listed twice")]
    // Keys the format does not have, anywhere.
    [InlineData("kind: bar", "kind: bar\n        colour: red", 11, "unknown key 'colour'; a tile's keys are id, title, kind, indicator, indicators, breakdown, drill, periods, width, note")]
    [InlineData("indicator: tt-recovery", "indicatr: tt-recovery", 11, "unknown key 'indicatr'; a tile's keys are id, title, kind, indicator, indicators, breakdown, drill, periods, width, note; did you mean 'indicator'?")]
    [InlineData("order: 1", "order: 1\ntheme: blue", 4, "unknown key 'theme'; a dashboard's keys are title, summary, order, slicers, defaults, pages")]
    [InlineData("    title: First", "    heading: First", 7, "unknown key 'heading'; a page's keys are id, title, tiles")]
    // Not YAML at all.
    [InlineData("kind: bar", "kind: bar: wide", 10, "not valid YAML")]
    [InlineData("kind: bar", "kind: bar\n        kind: trend", 11, "not valid YAML: Duplicate key")]
    [InlineData("summary: A dashboard for tests.", "summary: \"A dashboard for tests.", 2, "not valid YAML")]
    [InlineData("    title: First", "\ttitle: First", 6, "not valid YAML (from here to line 7): While scanning a plain scalar, found a tab character")]
    [InlineData("slicers: [period, area]", "slicers: [period, area", 4, "not valid YAML (from here to line 5): look for a bracket or quote left open")]
    // Ids used twice.
    [InlineData("id: trend", "id: recovery", 14, "tile id 'recovery' is already used at line 9; each tile's id must be unique in the dashboard")]
    [InlineData("id: recovery", "id: Recovery", 9, "tile id 'Recovery' must be lowercase letters, digits and hyphens")]
    // The kinds' rules.
    [InlineData("indicator: tt-recovery", "indicators: [tt-recovery, tt-dropout]", 12,
        "a bar tile shows several indicators overall (a bar each) or one indicator by a breakdown (a bar per group); remove breakdown: ethnic-group")]
    [InlineData("        breakdown: ethnic-group\n        drill: ethnic-category\n", "", 10,
        "a bar tile shows one indicator by a breakdown (a bar per group) or several indicators overall (a bar each); give this one a breakdown")]
    [InlineData("kind: bar\n        indicator: tt-recovery\n        breakdown: ethnic-group\n        drill: ethnic-category",
        "kind: gradient\n        indicators: [tt-recovery, tt-dropout]\n        breakdown: imd-quintile", 11, "a gradient tile shows one indicator by imd-quintile")]
    [InlineData("kind: bar", "kind: gradient", 12, "a gradient tile shows one indicator by imd-quintile, with its slope index of inequality; set breakdown: imd-quintile")]
    [InlineData("kind: trend\n        indicator: smi-all-six", "kind: trend\n        indicators: [smi-all-six, smi-bmi]\n        breakdown: gender", 17,
        "a trend of several indicators follows each one's overall value; remove breakdown: gender")]
    [InlineData("kind: bar", "kind: pie", 10, "unknown kind 'pie'; the kinds are headline, bar, trend, gradient, heatmap")]
    [InlineData("indicator: tt-recovery", "indicator: tt-recovery\n        indicators: [tt-dropout]", 12, "has both 'indicator' and 'indicators'")]
    [InlineData("kind: bar", "kind: bar\n        width: 2", 11, "width must be a whole number of columns from 3 to 12")]
    // Periods an indicator is not given by.
    [InlineData("periods: financial-year", "periods: quarter", 17, "smi-all-six is given by financial-year only, not by quarter; periods may be financial-year")]
    [InlineData("kind: trend\n        indicator: smi-all-six\n        periods: financial-year", "kind: heatmap\n        indicator: smi-all-six", 15,
        "smi-all-six is given by financial-year only, not by month (a heatmap runs by month unless 'periods' says otherwise); periods may be financial-year")]
    [InlineData("order: 1", "order: 1\ndefaults:\n  period-type: quarter", 18,
        "smi-all-six is given by financial-year only, but the dashboard opens on quarter (defaults: period-type)")]
    [InlineData("drill: ethnic-category", "drill: ethnic-category\n        periods: month", 14, "'periods' is for trend and heatmap tiles")]
    // Defaults.
    [InlineData("order: 1", "order: 1\ndefaults:\n  period: Q1 2022/23", 5, "period 'Q1 2022/23' is not a financial-year (period-type); write 'latest' for the latest complete one, or one like '2022/23'")]
    [InlineData("order: 1", "order: 1\ndefaults:\n  area: Islington", 5, "area must be one of 'City and Hackney', 'Hackney', 'City of London', not 'Islington'")]
    [InlineData("order: 1", "order: 1\ndefaults:\n  period-type: month", 5, "period-type must be financial-year or quarter, not 'month'")]
    // What must be there.
    [InlineData("title: Test\n", "", 1, "the dashboard has no 'title'")]
    [InlineData("        kind: bar\n", "", 9, "tile 'recovery' has no 'kind': one of headline, bar, trend, gradient, heatmap")]
    [InlineData("order: 1", "order: first", 3, "order must be a whole number")]
    public void ABadDashboardIsRefusedNamingTheFileTheLineAndWhatIsAllowed(string replace, string with, int line, string message)
    {
        using var folder = new TemporaryFolder();
        var text = Dashboard.Replace(replace, with, StringComparison.Ordinal);
        Assert.NotEqual(Dashboard, text);
        folder.Write("test.yaml", text);

        var error = Assert.Throws<DashboardException>(() => DashboardCatalogue.Load(folder.Path, Indicators));

        Assert.StartsWith($"test.yaml, line {line}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(("test.yaml", line), (error.File, error.Line));
    }

    [Fact]
    public void APageWithoutTilesIsRefused()
    {
        using var folder = new TemporaryFolder();
        folder.Write("test.yaml", Dashboard + "  - id: second\n    title: Second\n");

        var error = Assert.Throws<DashboardException>(() => DashboardCatalogue.Load(folder.Path, Indicators));

        Assert.StartsWith("test.yaml, line 18: page 'second' has no tiles", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Test.yaml", "a dashboard's file name is its id, which is lowercase letters, digits and hyphens")]
    [InlineData("test.yml", "dashboard files end in .yaml")]
    public void AFileNamedAmissIsRefused(string name, string message)
    {
        using var folder = new TemporaryFolder();
        folder.Write(name, Dashboard);

        var error = Assert.Throws<DashboardException>(() => DashboardCatalogue.Load(folder.Path, Indicators));

        Assert.StartsWith($"{name}, line 1: {message}", error.Message, StringComparison.Ordinal);
    }

    private sealed class TemporaryFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("observatory-dashboards-").FullName;

        public void Write(string name, string text) => File.WriteAllText(System.IO.Path.Combine(Path, name), text);

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
