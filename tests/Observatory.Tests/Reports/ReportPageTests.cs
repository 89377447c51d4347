using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Observatory.Indicators.Disclosure;
using Observatory.Reports.Rendering;
using Observatory.Tests.Support;
using Observatory.Warehouse;

namespace Observatory.Tests.Reports;

/// <summary>The report as the host serves it: an HTML page at the caller's disclosure level, its assets, and its errors.</summary>
public partial class ReportPageTests(DemoWarehouses demo)
{
    [Fact]
    public async Task ThePageIsServedAtTheConfiguredDisclosureLevelWithEveryFigureLinked()
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        using var host = new FeedHost(options);
        var researcher = await TestKeys.CreateAsync(options, Observatory.Access.Roles.Role.Researcher);

        var shared = await GetPageAsync(host, $"/reports/progress?api-key={researcher}");
        var exact = await GetPageAsync(host, "/reports/progress");

        // A researcher's level: controlled figures only, so not the report's exact 123. The demo's anonymous Admin sees them.
        Assert.Contains("data-disclosure=\"Controlled\"", shared, StringComparison.Ordinal);
        Assert.DoesNotContain(">123</a>", shared, StringComparison.Ordinal);
        Assert.Contains("data-disclosure=\"Unrestricted\"", exact, StringComparison.Ordinal);
        Assert.Matches(@"<a class=""figure"" href=""http://localhost/odata/Referrals\?\$apply=filter\([^""]+"">123</a>", exact);
        Assert.Contains("The published report: “A total of 123 people", exact, StringComparison.Ordinal);
        // Every chart has its data, and a table with the same figures.
        var charts = ChartData().Matches(exact);
        Assert.Equal(10, charts.Count);
        Assert.All(charts, c => Assert.Contains($"id=\"{JsonDocument.Parse(WebUtility.HtmlDecode(c.Groups[1].Value)).RootElement.GetProperty("table").GetString()}\"", exact, StringComparison.Ordinal));
        Assert.Contains($"<script src=\"{ReportAssets.Path}/{ReportAssets.ChartLibrary}\"></script>", exact, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherYearIsChosenByQueryAndAnUnknownOneIsRefusedWithAClearError()
    {
        using var host = new FeedHost(await demo.GetAsync(WarehouseProvider.Sqlite));

        var later = await GetPageAsync(host, "/reports/progress?year=2022%2F23");
        using var refused = await host.CreateClient().GetAsync(new Uri("/reports/progress?year=2040/41", UriKind.Relative), TestContext.Current.CancellationToken);
        var error = JsonDocument.Parse(await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("error");

        Assert.Contains("financial year 2022/23", later, StringComparison.Ordinal);
        Assert.Contains("<strong aria-current=\"page\">2022/23</strong>", later, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("BadReportRequest", error.GetProperty("code").GetString());
        Assert.Contains("There are no values for the financial year '2040/41': choose one of 2019/20", error.GetProperty("message").GetString(), StringComparison.Ordinal);

        using var huge = await host.CreateClient().GetAsync(new Uri($"/reports/progress?year={new string('9', 5000)}", UriKind.Relative), TestContext.Current.CancellationToken);
        var hugeMessage = await huge.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
        Assert.True(hugeMessage.Length < 400, $"{hugeMessage.Length} characters of error");
    }

    [Fact]
    public async Task LinksStartAtTheConfiguredFeedAddressWhateverTheRequestSays()
    {
        using var host = new FeedHost(await demo.GetAsync(WarehouseProvider.Sqlite),
            new Dictionary<string, string?> { ["Feed:PublicUrl"] = "https://observatory.example.nhs.uk/odata", ["AllowedHosts"] = "*" });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/reports/progress", UriKind.Relative));
        request.Headers.Host = "elsewhere.example";

        using var response = await host.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);
        var page = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("href=\"https://observatory.example.nhs.uk/odata/IndicatorValues?$filter=", page, StringComparison.Ordinal);
        Assert.DoesNotContain("elsewhere.example", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWarehouseWithoutIndicatorValuesAnswersThatTheReportIsUnavailable()
    {
        await using var location = TestLocation.Sqlite();
        await SmallWarehouse.SeedAsync(location.Options);
        using var host = new FeedHost(location.Options);

        using var response = await host.CreateClient().GetAsync(new Uri("/reports/progress", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("no indicator values yet", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAssetsAreServedWithTheirTypesAndCachingAndNothingElseIs()
    {
        using var host = new FeedHost(await demo.GetAsync(WarehouseProvider.Sqlite));
        var client = host.CreateClient();

        using var library = await client.GetAsync(new Uri($"{ReportAssets.Path}/{ReportAssets.ChartLibrary}", UriKind.Relative), TestContext.Current.CancellationToken);
        using var styles = await client.GetAsync(new Uri($"{ReportAssets.Path}/{ReportAssets.StyleSheet}", UriKind.Relative), TestContext.Current.CancellationToken);
        using var missing = await client.GetAsync(new Uri($"{ReportAssets.Path}/..%2Fappsettings.json", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, library.StatusCode);
        Assert.Equal("text/javascript", library.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(library.Headers.ETag);
        Assert.Contains("max-age", library.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.True((await library.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)).Length > 500_000);
        Assert.Equal("text/css", styles.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    private static async Task<string> GetPageAsync(FeedHost host, string path)
    {
        using var response = await host.CreateClient().GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    [GeneratedRegex("<script type=\"application/json\" class=\"chart-data\" data-for=\"[^\"]+\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex ChartData();
}
