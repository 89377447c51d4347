using System.Globalization;
using System.Net;
using System.Text.Json;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Observatory.Access.Roles;
using Observatory.Dashboards.Definitions;
using Observatory.Indicators.Catalogue;
using Observatory.Indicators.Disclosure;
using Observatory.Tests.Support;
using Observatory.Warehouse;
using static Observatory.Tests.Dashboards.DashboardBrowser;

namespace Observatory.Tests.Dashboards;

/// <summary>
/// The dashboards in Debian's Chromium against a real host on the demo warehouse: every tile shows data, slicers and
/// cross-filters change the figures to what the feed gives for the same filters, protected values show as protected,
/// the view lives in the URL, the keyboard works, axe-core finds nothing, printing gives A4 pages, and each role sees
/// its own level. Screenshots of every page are kept under TestResults/dashboards.
/// </summary>
public class DashboardBrowserTests(DemoWarehouses demo, Chromium chromium) : IClassFixture<Chromium>
{
    private static readonly DashboardCatalogue Dashboards = DashboardCatalogue.Load(IndicatorCatalogue.Load());

    private const string Black = "Ethnicity/BroadGroup eq 'Black'";

    [Fact]
    public async Task EveryTileOfEveryDashboardShowsDataAndAxeFindsNoViolation()
    {
        chromium.Require();
        await using var host = await StartAsync(DisclosureLevel.Unrestricted);
        var screenshots = Artefacts.Directory("dashboards");
        var page = await chromium.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
        foreach (var dashboard in Dashboards.Dashboards)
        {
            foreach (var view in dashboard.Pages)
            {
                var errors = await OpenAsync(page, new Uri(host.Address, $"dashboards/{dashboard.Id}?page={view.Id}"));
                var states = await page.Locator(".tile").EvaluateAllAsync<string[]>("ts => ts.map(t => t.id + ' ' + t.dataset.state + ' ' + t.dataset.rows)");
                var accessibility = await page.RunAxe();
                await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, $"{dashboard.Id}-{view.Id}.png"), FullPage = true });

                Assert.Equal(view.Tiles.Select(t => $"tile-{t.Id} ready").Order(), states.Select(s => string.Join(' ', s.Split(' ')[..2])).Order());
                Assert.All(states, s => Assert.True(int.Parse(s.Split(' ')[2], CultureInfo.InvariantCulture) > 0, $"{dashboard.Id}/{view.Id}: {s} has no rows"));
                Assert.Empty(errors);
                Assert.Empty(accessibility.Violations.Select(v => $"{dashboard.Id}/{view.Id} {v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Take(3).Select(n => n.Html))})"));
            }
        }
    }

    [Fact]
    public async Task ASlicerChangesTheFiguresToWhatTheFeedGivesForTheSameFilter()
    {
        chromium.Require();
        await using var host = await StartAsync(DisclosureLevel.Unrestricted);
        var (dashboard, tile) = BarTile("talking-therapies", "tt-recovery", "ethnic-group");
        var page = await chromium.Browser.NewPageAsync();
        await OpenAsync(page, new Uri(host.Address, $"dashboards/{dashboard.Id}?page={PageOf(dashboard, tile).Id}"));
        var period = await page.InputValueAsync("#slicer-period");

        await ChangeAsync(page, () => page.SelectOptionAsync("#slicer-age-band", "18-24"));
        var shown = await TableAsync(page, tile.Id);
        var expected = await EvaluateAsync(host, "tt-recovery", period, "ethnic-group", "AgeBand/Name eq '18-24'");

        Assert.Contains("age-band=18-24", page.Url, StringComparison.Ordinal);
        AssertSameValues(expected, shown);
    }

    [Fact]
    public async Task ACrossFilterFiltersTheOtherTilesUntilItsChipIsRemoved()
    {
        chromium.Require();
        await using var host = await StartAsync(DisclosureLevel.Unrestricted);
        var overview = Dashboards.Find("overview")!;
        var source = overview.Tiles.First(t => t.Kind == TileKind.Bar && t.Breakdown == "ethnic-group");
        var trend = overview.Tiles.First(t => t.Kind == TileKind.Trend && t.Breakdown == Breakdown.Overall);
        var indicator = trend.Indicators[0];
        var page = await chromium.Browser.NewPageAsync();
        await OpenAsync(page, new Uri(host.Address, "dashboards/overview"));
        var period = await page.InputValueAsync("#slicer-period");
        var before = await TableAsync(page, trend.Id);

        await FilterByAsync(page, source.Id, "Black");
        var chip = page.GetByRole(AriaRole.Button, new() { Name = "Remove the filter Ethnic group: Black" });
        var filtered = await TableAsync(page, trend.Id);
        var expected = await EvaluateAsync(host, indicator, period, Breakdown.Overall, Black);
        var url = page.Url;
        await ChangeAsync(page, () => chip.ClickAsync());
        var cleared = await TableAsync(page, trend.Id);

        Assert.Contains("select=ethnic-group%3ABlack", url, StringComparison.Ordinal);
        Assert.Equal(Percent(expected.Single(r => r.Group == "All").Value!.Value), Row(filtered, period, indicator)["Value"]);
        Assert.NotEqual(Row(before, period, indicator)["Value"], Row(filtered, period, indicator)["Value"]);
        Assert.Equal(Text(before), Text(cleared));
    }

    [Fact]
    public async Task DrillingFromABroadGroupShowsItsCategoriesAndComesBack()
    {
        chromium.Require();
        await using var host = await StartAsync(DisclosureLevel.Unrestricted);
        var (dashboard, tile) = BarTile("talking-therapies", "tt-recovery", "ethnic-group");
        var page = await chromium.Browser.NewPageAsync();
        await OpenAsync(page, new Uri(host.Address, $"dashboards/{dashboard.Id}?page={PageOf(dashboard, tile).Id}"));
        var period = await page.InputValueAsync("#slicer-period");
        var section = page.Locator($"#tile-{tile.Id}");

        await FilterByAsync(page, tile.Id, "Black");
        await ChangeAsync(page, () => section.GetByRole(AriaRole.Button, new() { Name = "Show each ethnic category within Black" }).ClickAsync());
        var drilled = await TableAsync(page, tile.Id);
        var within = await CodesAsync(host, "Ethnicities?$filter=BroadGroup eq 'Black'&$select=Code");
        var categories = (await EvaluateAsync(host, "tt-recovery", period, "ethnic-category", Black)).Where(r => within.Contains(r.Group)).ToList();
        await ChangeAsync(page, () => section.GetByRole(AriaRole.Button, new() { Name = "Back to every ethnic group" }).ClickAsync());
        var back = await TableAsync(page, tile.Id);

        Assert.Equal(categories.Select(c => (c.Name, c.Value is { } v ? Percent(v) : "protected")), drilled.Where(r => r["Group"] != "All").Select(r => (r["Group"], r["Value"])));
        Assert.Contains(back, r => r["Group"] == "White");
    }

    [Fact]
    public async Task AProtectedValueShowsAsProtectedNeverAsZero()
    {
        chromium.Require();
        await using var host = await StartAsync(DisclosureLevel.Controlled);
        // A group the controlled values withhold on a dashboard's bar: Talking Therapies recovery by ethnic category, in a quarter.
        var (dashboard, tile) = BarTile("talking-therapies", "tt-recovery", "ethnic-group");
        var withheld = await WithheldAsync(host, "tt-recovery", "ethnic-category");
        var page = await chromium.Browser.NewPageAsync();
        await OpenAsync(page, new Uri(host.Address,
            $"dashboards/{dashboard.Id}?page={PageOf(dashboard, tile).Id}&period={Uri.EscapeDataString(withheld.Period)}&area={Uri.EscapeDataString(withheld.Area)}&drill={tile.Id}:{Uri.EscapeDataString(withheld.Parent)}"));

        var row = (await TableAsync(page, tile.Id)).Single(r => r["Group"] == withheld.Name);
        var labels = await page.Locator($"#tile-{tile.Id} .chart svg text").AllTextContentsAsync();

        Assert.Equal("protected", row["Value"]);
        Assert.DoesNotContain(row.Values, c => c is "0" or "0.0%");
        Assert.Contains("protected", labels);
        Assert.Contains("controlled disclosure level", await page.Locator(".level").TextContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheViewLivesInTheUrlAndTheKeyboardSelectsAGroup()
    {
        chromium.Require();
        await using var host = await StartAsync(DisclosureLevel.Unrestricted);
        var (dashboard, tile) = BarTile("talking-therapies", "tt-recovery", "ethnic-group");
        var page = await chromium.Browser.NewPageAsync();
        await OpenAsync(page, new Uri(host.Address, $"dashboards/{dashboard.Id}?page={PageOf(dashboard, tile).Id}"));

        await ChangeAsync(page, () => page.SelectOptionAsync("#slicer-gender", "Male (including trans man)"));
        await page.Locator($"#tile-{tile.Id} .chart").FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await ChangeAsync(page, () => page.Keyboard.PressAsync("Enter"));
        var chip = await page.Locator(".chips .chip").TextContentAsync();
        var shared = page.Url;

        var again = await chromium.Browser.NewPageAsync();
        await OpenAsync(again, new Uri(shared));

        Assert.StartsWith("Ethnic group: ", chip, StringComparison.Ordinal);
        Assert.Equal("Male (including trans man)", await again.InputValueAsync("#slicer-gender"));
        Assert.Equal(chip, await again.Locator(".chips .chip").TextContentAsync());
        Assert.Equal(Text(await TableAsync(page, tile.Id)), Text(await TableAsync(again, tile.Id)));
    }

    [Fact]
    public async Task PrintingADashboardGivesCleanA4PagesAndAPhoneNeedsNoSideways()
    {
        chromium.Require();
        await using var host = await StartAsync(DisclosureLevel.Unrestricted);
        var page = await chromium.Browser.NewPageAsync();
        await OpenAsync(page, new Uri(host.Address, "dashboards/talking-therapies"));
        var pdf = await page.PdfAsync(new() { Format = "A4", PrintBackground = true });
        await File.WriteAllBytesAsync(Path.Combine(Artefacts.Directory("dashboards"), "talking-therapies.pdf"), pdf);
        var text = System.Text.Encoding.Latin1.GetString(pdf);
        var pages = System.Text.RegularExpressions.Regex.Count(text, @"/Type\s*/Page[^s]");

        var phone = await chromium.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
        await OpenAsync(phone, new Uri(host.Address, "dashboards/talking-therapies"));
        var overflow = await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");

        Assert.StartsWith("%PDF", text, StringComparison.Ordinal);
        Assert.InRange(pages, 2, 12);
        Assert.Contains("/MediaBox [0 0 595", text.Replace("  ", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.True(overflow <= 0, $"The page is {overflow} px wider than a phone's screen.");
    }

    [Theory]
    [InlineData(Role.Admin, DisclosureLevel.Unrestricted)]
    [InlineData(Role.Analyst, DisclosureLevel.Unrestricted)]
    [InlineData(Role.Board, DisclosureLevel.Controlled)]
    [InlineData(Role.Researcher, DisclosureLevel.Controlled)]
    public async Task InSecuredModeEachRoleSeesTheDashboardAtItsOwnLevel(Role role, string level)
    {
        chromium.Require();
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        var key = await TestKeys.CreateAsync(options, role);
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings:Warehouse"] = options.ConnectionString, ["Security:Mode"] = "Secured",
        });
        await using var context = await chromium.Browser.NewContextAsync(new() { ExtraHTTPHeaders = new Dictionary<string, string> { ["X-Api-Key"] = key } });
        var page = await context.NewPageAsync();
        using var anonymous = new HttpClient { BaseAddress = host.Address };

        var errors = await OpenAsync(page, new Uri(host.Address, "dashboards/overview"));
        var states = await page.Locator(".tile").EvaluateAllAsync<string[]>("ts => ts.map(t => t.dataset.state)");
        var refused = await anonymous.GetAsync(new Uri("dashboards/overview", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Empty(errors);
        Assert.All(states, s => Assert.Equal("ready", s));
        Assert.Contains($"{level.ToLowerInvariant()} disclosure level", await page.Locator(".level").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task AnUnknownDashboardIsA404WithAnODataError()
    {
        await using var host = await StartAsync(DisclosureLevel.Unrestricted);
        using var client = new HttpClient { BaseAddress = host.Address };

        using var missing = await client.GetAsync(new Uri("dashboards/no-such-thing", UriKind.Relative), TestContext.Current.CancellationToken);
        var body = await missing.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("\"code\":\"NotFound\"", body, StringComparison.Ordinal);
        Assert.Contains("talking-therapies", body, StringComparison.Ordinal);
    }

    private async Task<RunningHost> StartAsync(string level)
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        return await RunningHost.StartAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings:Warehouse"] = options.ConnectionString, ["Disclosure:Demo"] = level,
        });
    }

    private static (DashboardDefinition Dashboard, TileDefinition Tile) BarTile(string dashboard, string indicator, string breakdown)
    {
        var found = Dashboards.Find(dashboard)!;
        return (found, found.Tiles.First(t => t.Kind == TileKind.Bar && t.Indicators.SequenceEqual([indicator]) && t.Breakdown == breakdown));
    }

    private static DashboardPage PageOf(DashboardDefinition dashboard, TileDefinition tile) => dashboard.Pages.First(p => p.Tiles.Contains(tile));

    private static string Title(string indicator) => IndicatorCatalogue.Load()[indicator].Title;

    private sealed record FeedValue(string Group, string Name, double? Value, string Suppression);

    /// <summary>The feed's own answer for the same view, asked directly.</summary>
    private static async Task<IReadOnlyList<FeedValue>> EvaluateAsync(RunningHost host, string indicator, string period, string breakdown, string filter)
    {
        static string Literal(string v) => Uri.EscapeDataString($"'{v.Replace("'", "''", StringComparison.Ordinal)}'");
        using var client = new HttpClient { BaseAddress = host.Address };
        var url = $"odata/Indicators('{indicator}')/Observatory.Evaluate(period={Literal(period)},area={Literal("City and Hackney")},breakdown={Literal(breakdown)},filter={Literal(filter)})";
        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri(url, UriKind.Relative)));
        return [.. document.RootElement.GetProperty("value").EnumerateArray().Select(r => new FeedValue(
            r.GetProperty("GroupCode").GetString()!, r.GetProperty("GroupName").GetString()!,
            r.GetProperty("Value").ValueKind == JsonValueKind.Number ? r.GetProperty("Value").GetDouble() : null, r.GetProperty("Suppression").GetString()!))];
    }

    private static async Task<HashSet<string>> CodesAsync(RunningHost host, string query)
    {
        using var client = new HttpClient { BaseAddress = host.Address };
        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri($"odata/{query}", UriKind.Relative)));
        return [.. document.RootElement.GetProperty("value").EnumerateArray().Select(r => r.GetProperty("Code").GetString()!)];
    }

    private sealed record Withheld(string Period, string Area, string Name, string Parent);

    /// <summary>A value the controlled level withholds, with the broad group its category belongs to.</summary>
    private static async Task<Withheld> WithheldAsync(RunningHost host, string indicator, string breakdown)
    {
        using var client = new HttpClient { BaseAddress = host.Address };
        var query = $"odata/IndicatorValues?$filter=IndicatorId eq '{indicator}' and Breakdown eq '{breakdown}' and Suppression eq 'SmallCount' and PeriodType eq 'FinancialYear'&$top=1&$select=Period,Area,GroupCode,GroupName";
        using var found = JsonDocument.Parse(await client.GetStringAsync(new Uri(query, UriKind.Relative)));
        var row = found.RootElement.GetProperty("value")[0];
        using var ethnicity = JsonDocument.Parse(await client.GetStringAsync(new Uri($"odata/Ethnicities?$filter=Code eq '{row.GetProperty("GroupCode").GetString()}'&$select=BroadGroup", UriKind.Relative)));
        return new Withheld(row.GetProperty("Period").GetString()!, row.GetProperty("Area").GetString()!, row.GetProperty("GroupName").GetString()!,
            ethnicity.RootElement.GetProperty("value")[0].GetProperty("BroadGroup").GetString()!);
    }

    private static void AssertSameValues(IReadOnlyList<FeedValue> expected, IReadOnlyList<IReadOnlyDictionary<string, string>> shown)
    {
        foreach (var value in expected)
        {
            var row = shown.Single(r => r["Group"] == (value.Group == "All" ? "All" : value.Name));
            Assert.Equal(value.Suppression == "SmallCount" ? "protected" : value.Value is { } v ? Percent(v) : "–", row["Value"]);
        }

        Assert.Equal(expected.Count, shown.Count);
    }

    private static IReadOnlyDictionary<string, string> Row(IReadOnlyList<IReadOnlyDictionary<string, string>> table, string period, string indicator) =>
        table.Single(r => r["Period"] == period && r["Group"] == "All" && (!r.TryGetValue("Indicator", out var i) || i == Title(indicator)));

    private static string Text(IReadOnlyList<IReadOnlyDictionary<string, string>> table) => string.Join("\n", table.Select(r => string.Join(" | ", r.Values)));
}
