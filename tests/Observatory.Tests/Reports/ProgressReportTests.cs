using System.Globalization;
using System.Text.Json;
using Observatory.Indicators.Catalogue;
using Observatory.Indicators.Disclosure;
using Observatory.Reports.Model;
using Observatory.Reports.Progress;
using Observatory.Tests.Support;
using Observatory.Warehouse;
using Observatory.Warehouse.Infrastructure;

namespace Observatory.Tests.Reports;

/// <summary>The progress report regenerated from the indicators: its figures, and the feed URL each one links to.</summary>
public class ProgressReportTests(DemoWarehouses demo)
{
    private const string FeedRoot = "http://localhost/odata";
    private static readonly string[] MinorityGroups = ["Mixed", "Asian", "Black", "Other"];

    [Theory]
    [MemberData(nameof(TestLocation.Providers), MemberType = typeof(TestLocation))]
    public async Task TheReportsOwnFiguresAreReproducedExactly(WarehouseProvider provider)
    {
        var report = await BuildAsync(provider, DisclosureLevel.Unrestricted);
        var headlines = report.Sections.SelectMany(s => s.Headlines).ToDictionary(h => h.Id);

        Assert.Equal(ProgressReport.PublishedYear, report.Year);
        // The published report: 123 completions (February 2020 to February 2022), 35 NVR parents up to January 2022,
        // 52 pre and post questionnaires, 10 of 14 schools approached, 60% of the SMI register with all six checks.
        Assert.Equal(123, headlines["gm-counselling-completions"].Figure.Value);
        Assert.Equal(35, headlines["gm-nvr-parents"].Figure.Value);
        Assert.Equal(52, headlines["gm-tol-participants"].Figure.Value);
        Assert.Equal(10, headlines["gm-tol-schools"].Figure.Value);
        Assert.Equal(14, headlines["gm-tol-schools"].Details.Single(d => d.Label == "approached").Figure.Value);
        Assert.Equal("60.0%", headlines["smi-all-six"].Figure.Text);
        Assert.Equal("123", headlines["gm-counselling-completions"].Figure.Text);
        var wellbeing = headlines["gm-tol-wellbeing-change"];
        Assert.Equal(52, wellbeing.Details.Single(d => d.Label == "people").Figure.Value);
        Assert.Matches(@"^-?\d+\.\d to -?\d+\.\d$", wellbeing.Details.Single(d => d.Label == "95% confidence interval").Figure.Text);
    }

    [Theory]
    [MemberData(nameof(TestLocation.Providers), MemberType = typeof(TestLocation))]
    public async Task DropOutIsHigherAndRecoveryLowerInEachMinorityGroupThanWhite(WarehouseProvider provider)
    {
        var report = await BuildAsync(provider, DisclosureLevel.Unrestricted);
        var table = report.Sections.Single(s => s.Id == "talking-therapies").Tables.Single();
        var rows = table.Rows.ToDictionary(r => r.Label);
        var (dropout, recovery) = (table.Columns.ToList().IndexOf("Drop-out") - 1, table.Columns.ToList().IndexOf("Recovery") - 1);

        Assert.All(MinorityGroups, group =>
        {
            Assert.True(rows[group].Cells[dropout].Value > rows["White"].Cells[dropout].Value, $"drop-out: {group} against White");
            Assert.True(rows[group].Cells[recovery].Value < rows["White"].Cells[recovery].Value, $"recovery: {group} against White");
        });
    }

    [Theory]
    [MemberData(nameof(TestLocation.Providers), MemberType = typeof(TestLocation))]
    public async Task EveryFigureIsGivenByTheFeedUrlItLinksTo(WarehouseProvider provider)
    {
        var options = await demo.GetAsync(provider);
        var report = await BuildAsync(provider, DisclosureLevel.Unrestricted);
        using var host = new FeedHost(options, new Dictionary<string, string?> { ["Disclosure:Demo"] = DisclosureLevel.Unrestricted });

        var checkedFigures = await CheckLinksAsync(host, report);

        Assert.True(checkedFigures > 100, $"{checkedFigures} figures checked");
    }

    [Fact]
    public async Task ADisclosureControlledReportShowsOnlyPublishedFiguresAndTheFeedGivesThemToo()
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        var report = await BuildAsync(WarehouseProvider.Sqlite, DisclosureLevel.Controlled);
        var growingMinds = report.Sections.Single(s => s.Id == "growing-minds");
        using var host = new FeedHost(options, new Dictionary<string, string?> { ["Disclosure:Demo"] = DisclosureLevel.Controlled });

        // The report's own windows need exact monthly counts: not published at this level.
        Assert.Empty(growingMinds.Headlines);
        Assert.Contains(growingMinds.Notes, n => n.Contains("not published at this disclosure level", StringComparison.Ordinal));
        // Counts of people; schools are organisations, published as they are.
        var counts = growingMinds.Tables.Single().Rows.Where(r => !r.Label.Contains("change", StringComparison.Ordinal) && !r.Label.Contains("schools", StringComparison.Ordinal)).SelectMany(r => r.Cells.Select(c => (r.Label, c))).ToList();
        Assert.All(counts, c => Assert.True(c.c.Value is null ? c.c.Text is "withheld" or "" : c.c.Value is 0 or > 7, $"{c.Label}: {c.c.Text} is a published count from 1 to 7"));
        Assert.True(await CheckLinksAsync(host, report) > 100);
    }

    [Fact]
    public async Task EveryYearTheWarehouseHoldsCanBeReportedAndAnyOtherIsRefused()
    {
        var report = await BuildAsync(WarehouseProvider.Sqlite, DisclosureLevel.Unrestricted);

        foreach (var year in report.Years)
        {
            var other = await BuildAsync(WarehouseProvider.Sqlite, DisclosureLevel.Controlled, year);
            Assert.Equal(year, other.Year);
            Assert.Equal(5, other.Sections.Count);
        }

        var refused = await Assert.ThrowsAsync<ReportRequestException>(() => BuildAsync(WarehouseProvider.Sqlite, DisclosureLevel.Controlled, "1999/00"));
        Assert.Contains("choose one of 2019/20", refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ReportRequestException>(() => BuildAsync(WarehouseProvider.Sqlite, "Everything"));
    }

    [Fact]
    public void TheReportRefusesACatalogueWithoutAnIndicatorItShows()
    {
        var catalogue = new IndicatorCatalogue(IndicatorCatalogue.Load().Indicators.Where(i => i.Id != "tt-recovery"));

        var refused = Assert.Throws<CatalogueException>(() => new ProgressReport(catalogue));

        Assert.Equal("The progress report shows the indicator 'tt-recovery', which the catalogue lacks.", refused.Message);
    }

    private async Task<Report> BuildAsync(WarehouseProvider provider, string disclosure, string? year = null)
    {
        await using var warehouse = WarehouseContextFactory.Create(await demo.GetAsync(provider));
        return await new ProgressReport(IndicatorCatalogue.Load())
            .BuildAsync(warehouse, new ProgressReportRequest(year, disclosure, FeedRoot), TestContext.Current.CancellationToken);
    }

    /// <summary>Follows every figure's link through the feed and checks the answer holds the figure; returns how many were checked.</summary>
    internal static async Task<int> CheckLinksAsync(FeedHost host, Report report)
    {
        var client = host.CreateClient();
        var figures = report.Sections.SelectMany(s => s.Headlines.SelectMany(h => h.Details.Select(d => d.Figure).Prepend(h.Figure))
                .Concat(s.Tables.SelectMany(t => t.Rows.SelectMany(r => r.Cells))))
            .Where(f => f.Url is not null && f.Value is not null).ToList();
        foreach (var figure in figures)
        {
            Assert.StartsWith(FeedRoot + "/", figure.Url, StringComparison.Ordinal);
            var body = await client.GetStringAsync(new Uri(figure.Url!["http://localhost".Length..], UriKind.Relative), TestContext.Current.CancellationToken);
            var given = Given(body);
            Assert.True(given.Any(g => Math.Abs(g - figure.Value!.Value) < 1e-9), $"{figure.Text} ({figure.Value}) is not among {string.Join(", ", given)} from {figure.Url}");
        }

        return figures.Count;
    }

    /// <summary>What an answer gives: a $count, or a row's value, numerator, denominator and (for a mean) their ratio.</summary>
    private static List<double> Given(string body)
    {
        if (double.TryParse(body, NumberStyles.Float, CultureInfo.InvariantCulture, out var count))
        {
            return [count];
        }

        var row = Assert.Single(JsonDocument.Parse(body).RootElement.GetProperty("value").EnumerateArray());
        double? Number(string name) => row.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Number ? p.GetDouble() : null;
        var (numerator, denominator) = (Number("Numerator"), Number("Denominator"));
        return new[] { Number("Value"), numerator, denominator, numerator / denominator }.OfType<double>().ToList();
    }
}
