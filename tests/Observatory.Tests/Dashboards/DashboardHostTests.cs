using System.Net;
using System.Text.Json;
using Observatory.Indicators.Disclosure;
using Observatory.Tests.Support;
using Observatory.Warehouse;

namespace Observatory.Tests.Dashboards;

/// <summary>The dashboards as the host serves them, without a browser: start-up checks, the configuration each level gets, the home page's link.</summary>
public class DashboardHostTests(DemoWarehouses demo)
{
    [Fact]
    public async Task ADashboardFileNamingAnUnknownIndicatorStopsTheHostWithItsFileAndLine()
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        var directory = Directory.CreateTempSubdirectory("observatory-dashboards-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "board.yaml"), """
                title: Board
                summary: A dashboard with a typing mistake.
                pages:
                  - id: main
                    title: Main
                    tiles:
                      - id: recovery
                        kind: bar
                        indicator: tt-recovry
                        breakdown: ethnic-group
                """, TestContext.Current.CancellationToken);

            var stopped = await Assert.ThrowsAsync<InvalidOperationException>(() => RunningHost.StartAsync(new Dictionary<string, string>
            {
                ["ConnectionStrings:Warehouse"] = options.ConnectionString, ["Dashboards:Directory"] = directory.FullName,
            }));

            Assert.Contains("Observatory cannot start: board.yaml, line 9:", stopped.Message, StringComparison.Ordinal);
            Assert.Contains("did you mean 'tt-recovery'?", stopped.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", stopped.Message, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData(DisclosureLevel.Unrestricted, true)]
    [InlineData(DisclosureLevel.Controlled, false)]
    public async Task TheConfigurationOffersThePeriodsTheCallersLevelHolds(string level, bool months)
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings:Warehouse"] = options.ConnectionString, ["Disclosure:Demo"] = level,
        });
        using var client = new HttpClient { BaseAddress = host.Address };

        using var config = JsonDocument.Parse(await client.GetStringAsync(new Uri("dashboards/talking-therapies/config", UriKind.Relative), TestContext.Current.CancellationToken));
        var home = await client.GetStringAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);
        var index = await client.GetStringAsync(new Uri("dashboards", UriKind.Relative), TestContext.Current.CancellationToken);
        var root = config.RootElement;

        Assert.Equal(level, root.GetProperty("disclosure").GetString());
        Assert.Equal(months, root.GetProperty("periods").GetProperty("month").GetArrayLength() > 0);
        Assert.Equal(5, root.GetProperty("periods").GetProperty("financial-year").GetArrayLength());
        Assert.Equal(root.GetProperty("periods").GetProperty("financial-year")[4].GetString(), root.GetProperty("defaults").GetProperty("period").GetString());
        Assert.Equal(["City and Hackney", "City of London", "Hackney"], root.GetProperty("areas").EnumerateArray().Select(a => a.GetString()!).Order());
        Assert.Contains("href=\"/dashboards\"", home, StringComparison.Ordinal);
        Assert.Contains("href=\"/dashboards/talking-therapies\"", index, StringComparison.Ordinal);
        Assert.Contains("href=\"/reports/progress\"", index, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheScriptIsServedGzippedToClientsThatAcceptItAndWholeToOthers()
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string> { ["ConnectionStrings:Warehouse"] = options.ConnectionString });
        using var client = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = host.Address };
        var script = new Uri("dashboards/assets/dashboard.js", UriKind.Relative);

        using var whole = await client.GetAsync(script, TestContext.Current.CancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, script);
        request.Headers.AcceptEncoding.ParseAdd("gzip, deflate, br");
        using var zipped = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var plain = await whole.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        var compressed = await zipped.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        using var unzipped = new MemoryStream();
        await using (var gzip = new System.IO.Compression.GZipStream(new MemoryStream(compressed), System.IO.Compression.CompressionMode.Decompress))
        {
            await gzip.CopyToAsync(unzipped, TestContext.Current.CancellationToken);
        }

        Assert.Empty(whole.Content.Headers.ContentEncoding);
        Assert.Equal(["gzip"], zipped.Content.Headers.ContentEncoding);
        Assert.Equal(plain, unzipped.ToArray());
        Assert.True(compressed.Length < plain.Length * 0.4, $"{compressed.Length} of {plain.Length} bytes");
        Assert.NotEqual(whole.Headers.ETag, zipped.Headers.ETag);
    }
}
