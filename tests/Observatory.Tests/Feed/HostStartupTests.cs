using Observatory.Synthetic;
using Observatory.Tests.Support;
using Observatory.Tests.Warehouse;

namespace Observatory.Tests.Feed;

/// <summary>The host as a real process: what it does on first start, and what it refuses to do.</summary>
public class HostStartupTests
{
    private const string Host = "Observatory.Api.dll";

    [Fact]
    public async Task TheFirstStartWithNoWarehouseSeedsTheDemoAndSaysSo()
    {
        await using var location = TestLocation.Sqlite();
        IReadOnlyList<string> log;
        await using (var host = await RunningHost.StartAsync(new Dictionary<string, string> { ["ConnectionStrings:Warehouse"] = location.Options.ConnectionString }))
        {
            log = host.Log;
        }

        var output = string.Join('\n', log);
        Assert.Contains($"seeding the synthetic demo warehouse (seed {SyntheticWarehouse.DemoSeed}, scale 1)", output, StringComparison.Ordinal);
        Assert.Contains("Seeded the demo warehouse", output, StringComparison.Ordinal);
        Assert.True(File.Exists(location.Options.SqliteFilePath));
    }

    [Theory]
    [InlineData("--urls", "http://0.0.0.0:5999")]
    [InlineData("--urls", "http://*:5999")]
    [InlineData("--urls", "http://192.168.1.20:5999")]
    [InlineData("--Kestrel:Endpoints:Http:Url", "http://0.0.0.0:5999")]
    [InlineData("--http_ports", "5999")]
    public async Task TheHostRefusesToListenBeyondLoopback(string option, string value)
    {
        var result = await ProcessRunner.RunAsync(Host, [option, value, "--Warehouse:SeedDemoWhenMissing=false"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("loopback addresses only", result.All, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.All, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--Warehouse:Provider", "Oracle", "Unknown warehouse provider 'Oracle'")]
    [InlineData("--Warehouse:SeedDemoWhenMissing", "yes", "Warehouse:SeedDemoWhenMissing")]
    [InlineData("--Feed:PageSize", "0", "PageSize")]
    [InlineData("--ConnectionStrings:Warehouse", "Data Source=/proc/no-such-place/w.db", "Cannot create the folder")]
    public async Task BadConfigurationStopsTheHostWithAMessage(string option, string value, string message)
    {
        // An empty location, so the host has to decide whether to seed; later options override earlier ones.
        await using var location = TestLocation.Sqlite();
        var result = await ProcessRunner.RunAsync(Host,
            ["--urls", "http://127.0.0.1:0", "--ConnectionStrings:Warehouse", location.Options.ConnectionString, option, value]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.All, StringComparison.Ordinal);
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
