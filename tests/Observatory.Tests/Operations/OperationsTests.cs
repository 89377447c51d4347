using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Observatory.Tests.Support;
using Observatory.Warehouse;

namespace Observatory.Tests.Operations;

/// <summary>What operators rely on: health endpoints and logs kept for faults (traces and metrics: <see cref="RequestTelemetryTests"/>).</summary>
public class OperationsTests(DemoWarehouses demo)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheHostIsLiveAndReadyWhileTheWarehouseAnswers()
    {
        using var host = new FeedHost(await demo.GetAsync(WarehouseProvider.Sqlite));
        var client = host.CreateClient();

        using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative), Cancel);
        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", JsonDocument.Parse(await ready.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task TheHostIsLiveButNotReadyWithoutItsWarehouse()
    {
        await using var location = TestLocation.Sqlite();
        await SmallWarehouse.SeedAsync(location.Options);
        using var host = new FeedHost(location.Options);
        var client = host.CreateClient();
        (await client.GetAsync(new Uri("/health/ready", UriKind.Relative), Cancel)).EnsureSuccessStatusCode();
        File.Move(location.Options.SqliteFilePath, location.Options.SqliteFilePath + ".away");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative), Cancel);
        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), Cancel);
        var report = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(Cancel)).RootElement;

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.NotNull(ready.Headers.RetryAfter);
        Assert.Contains("no warehouse", report.GetProperty("checks").GetProperty("warehouse").GetProperty("description").GetString(), StringComparison.Ordinal);
        File.Move(location.Options.SqliteFilePath + ".away", location.Options.SqliteFilePath);
    }

    [Theory]
    [InlineData("/odata/Referrals?$filter=Nope eq 1")]
    [InlineData("/odata/Referrals?$format=xml")]
    [InlineData("/odata/Referrals('abc')")]
    [InlineData("/odata/Referrals?$filter=cast(ServiceKey,Edm.String) eq '1'")]
    public async Task AFaultOfTheRequestIsNotLoggedAsAFaultOfTheService(string url)
    {
        using var host = new FeedHost(await demo.GetAsync(WarehouseProvider.Sqlite));

        using var response = await host.CreateClient().GetAsync(new Uri(url, UriKind.Relative), Cancel);

        Assert.True((int)response.StatusCode is >= 400 and < 500 or 501);
        Assert.DoesNotContain(host.Warnings, w => w.Level >= LogLevel.Warning && (w.WithException || w.Category.Contains("Feed", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task TheHomePageDoesNotTellWhereTheWarehouseIsKept()
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        using var host = new FeedHost(options);

        var home = await host.CreateClient().GetStringAsync(new Uri("/", UriKind.Relative), Cancel);

        Assert.DoesNotContain(options.SqliteFilePath, home, StringComparison.Ordinal);
        Assert.DoesNotContain(".db", home, StringComparison.Ordinal);
    }
}
