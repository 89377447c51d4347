using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Observatory.Indicators.Disclosure;
using Observatory.Tests.Support;
using Observatory.Warehouse;

namespace Observatory.Tests.Reports;

/// <summary>The report in a real browser: its charts draw, its links lead to the feed, and it passes an accessibility check.</summary>
public class ReportBrowserTests(DemoWarehouses demo, Chromium chromium) : IClassFixture<Chromium>
{
    private const int Charts = 10;

    [Fact]
    public async Task TheServedPageDrawsEveryChartAndItsFiguresLeadToTheFeed()
    {
        chromium.Require();
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings:Warehouse"] = options.ConnectionString, ["Disclosure:Demo"] = DisclosureLevel.Unrestricted,
        });
        var page = await chromium.Browser.NewPageAsync();
        var errors = Watch(page);

        await page.GotoAsync(new Uri(host.Address, "reports/progress").ToString());
        await DrawnAsync(page);
        var accessibility = await page.RunAxe();
        var pageErrors = errors.ToList();
        await page.GetByRole(AriaRole.Link, new() { Name = "123", Exact = true }).ClickAsync();
        var answer = await page.Locator("body").InnerTextAsync();

        Assert.Empty(pageErrors);
        Assert.Empty(accessibility.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html))})"));
        Assert.StartsWith(new Uri(host.Address, "odata/Referrals?$apply=").ToString(), page.Url, StringComparison.Ordinal);
        Assert.Contains("\"Numerator\":123", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheWrittenFileDrawsEveryChartWithoutFetchingAnything()
    {
        chromium.Require();
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        var file = Path.Combine(Path.GetTempPath(), $"observatory-report-{Guid.NewGuid():N}.html");
        try
        {
            var written = await ProcessRunner.RunAsync("observatory.dll", ["report", "--connection", options.ConnectionString, "--out", file]);
            Assert.Equal(0, written.ExitCode);
            var page = await chromium.Browser.NewPageAsync();
            var errors = Watch(page);
            var requests = new List<string>();
            page.Request += (_, request) => requests.Add(request.Url);

            await page.GotoAsync(new Uri(file).AbsoluteUri);
            await DrawnAsync(page);

            Assert.Empty(errors);
            Assert.Equal([new Uri(file).AbsoluteUri], requests);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Waits until the page says every chart finished drawing, and checks each is an SVG.</summary>
    private static async Task DrawnAsync(IPage page)
    {
        await page.WaitForSelectorAsync("html[data-charts-drawn]", new() { Timeout = 30_000 });
        Assert.Equal(Charts.ToString(System.Globalization.CultureInfo.InvariantCulture), await page.GetAttributeAsync("html", "data-charts-drawn"));
        Assert.Equal(Charts, await page.Locator(".chart-canvas svg").CountAsync());
    }

    private static List<string> Watch(IPage page)
    {
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add($"{message.Location}: {message.Text}");
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        page.RequestFailed += (_, request) => errors.Add($"{request.Url}: {request.Failure}");
        return errors;
    }
}
