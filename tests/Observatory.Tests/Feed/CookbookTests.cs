using System.Text.Json;
using System.Text.RegularExpressions;
using Observatory.Tests.Support;
using Observatory.Warehouse;

namespace Observatory.Tests.Feed;

/// <summary>Every URL in the researcher's guide cookbook answers, with data, on each provider.</summary>
public partial class CookbookTests(DemoWarehouses demo)
{
    public static TheoryData<WarehouseProvider, string> Urls
    {
        get
        {
            var guide = File.ReadAllText(Path.Combine(ReportReproductionTests.RepositoryRoot(), "docs", "researchers-guide.md"));
            var block = guide[guide.IndexOf("<!-- cookbook -->", StringComparison.Ordinal)..guide.IndexOf("<!-- /cookbook -->", StringComparison.Ordinal)];
            var data = new TheoryData<WarehouseProvider, string>();
            foreach (var provider in new[] { WarehouseProvider.Sqlite, WarehouseProvider.PostgreSql })
            {
                foreach (Match match in UrlInBackticks().Matches(block))
                {
                    data.Add(provider, match.Groups[1].Value);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Urls))]
    public async Task EveryCookbookQueryAnswersWithData(WarehouseProvider provider, string url)
    {
        using var host = new FeedHost(await demo.GetAsync(provider));
        using var response = await host.CreateClient().GetAsync(new Uri("/odata/" + url, UriKind.Relative), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.True(response.IsSuccessStatusCode, body);
        if (url.Contains("/$count", StringComparison.Ordinal))
        {
            Assert.True(long.Parse(body, System.Globalization.CultureInfo.InvariantCulture) > 0);
            return;
        }

        Assert.NotEqual(0, JsonDocument.Parse(body).RootElement.GetProperty("value").GetArrayLength());
    }

    [GeneratedRegex(@"`([A-Za-z]+(?:/\$count)?\?[^`]+)`")]
    private static partial Regex UrlInBackticks();
}
