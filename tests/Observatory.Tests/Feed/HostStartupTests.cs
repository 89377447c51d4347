using Observatory.Synthetic;
using Observatory.Tests.Support;
using Observatory.Tests.Warehouse;
using Observatory.Warehouse;

namespace Observatory.Tests.Feed;

public class HostStartupTests
{
    private const string Host = "Observatory.Api.dll";

    [Fact]
    public async Task TheFirstStartWithNoWarehouseSeedsTheDemoAndSaysSo()
    {
        await using var location = TestLocation.Sqlite();
        using var host = new FeedHost(location.Options);

        var count = await host.CreateClient().GetStringAsync(new Uri("/odata/WarehouseLoads?$select=RandomSeed,Scale", UriKind.Relative),
            TestContext.Current.CancellationToken);

        Assert.Contains($"\"RandomSeed\":{SyntheticWarehouse.DemoSeed}", count, StringComparison.Ordinal);
        Assert.True(File.Exists(location.Options.SqliteFilePath));
    }

    [Theory]
    [InlineData("http://0.0.0.0:5999")]
    [InlineData("http://*:5999")]
    [InlineData("http://192.168.1.20:5999")]
    public async Task TheHostRefusesToListenBeyondLoopback(string url)
    {
        var result = await ProcessRunner.RunAsync(Host, ["--urls", url, "--Warehouse:SeedDemoWhenMissing=false"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("loopback addresses only", result.All, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheHostRefusesAWarehouseFromALaterVersion()
    {
        await using var location = TestLocation.Sqlite();
        await SmallWarehouse.SeedAsync(location.Options);
        await SchemaInspectionTests.MarkAsBuiltByLaterVersionAsync(location);

        var result = await ProcessRunner.RunAsync(Host,
            ["--urls", "http://127.0.0.1:0", "--ConnectionStrings:Warehouse", location.Options.ConnectionString]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("later version of Observatory", result.All, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.All, StringComparison.Ordinal);
    }
}
