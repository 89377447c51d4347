using System.Text.Json;
using Observatory.Tests.Support;

namespace Observatory.Tests.Cli;

/// <summary>The observatory command line, run as a real process.</summary>
public class CliTests
{
    private const string Cli = "observatory.dll";

    [Theory]
    [InlineData("seed --scale 0", "--scale must be greater than 0")]
    [InlineData("seed --scale lots", "lots")]
    [InlineData("seed --provider Oracle", "Unknown warehouse provider 'Oracle'")]
    [InlineData("seed --no-such-option", "Unknown option")]
    [InlineData("info --provider PostgreSql", "PostgreSQL needs a connection string")]
    [InlineData("info --provider PostgreSql --connection Host=127.0.0.1;Port=1;Database=x;Username=x;Password=x;Timeout=3", "Cannot reach the warehouse")]
    [InlineData("seed --scale 0.01 --connection Data Source=/proc/not-a-place/x.db", "Cannot create the folder")]
    [InlineData("seed --scale 0.01 --connection Data Source=/tmp", "is a folder")]
    [InlineData("seed --provider PostgreSql --schema public --connection Host=127.0.0.1;Database=x", "is reserved")]
    public async Task BadOptionsAndUnreachableDatabasesGiveAClearMessage(string arguments, string message)
    {
        var result = await ProcessRunner.RunAsync(Cli, Split(arguments));

        Assert.Contains(message, result.All, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.All, StringComparison.Ordinal);
        Assert.NotEqual(0, result.ExitCode);
    }

    [Fact]
    public async Task IndicatorsOnAnEmptyLocationSayThereIsNoWarehouse()
    {
        var result = await ProcessRunner.RunAsync(Cli, ["indicators", "--connection", $"Data Source={Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "w.db")}"]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Indicators are computed on an existing Observatory warehouse", result.All, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IndicatorsRecomputesTheValuesOfAWarehouse()
    {
        await using var location = TestLocation.Sqlite();
        await SmallWarehouse.SeedAsync(location.Options);

        var result = await ProcessRunner.RunAsync(Cli, ["indicators", "--connection", location.Options.ConnectionString]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Computed 35 indicators", result.All, StringComparison.Ordinal);
        Assert.True(await WarehouseQueries.ScalarAsync(location.Options, "SELECT COUNT(*) FROM \"IndicatorValues\"") > 1000);
    }

    [Fact]
    public async Task InfoOnAnEmptyLocationSaysThereIsNoWarehouse()
    {
        var result = await ProcessRunner.RunAsync(Cli, ["info", "--connection", $"Data Source={Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "w.db")}"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("No warehouse", result.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeedLoadsAWarehouseThatInfoDescribesAndWillNotOverwriteUnasked()
    {
        await using var location = TestLocation.Sqlite();
        string[] where = ["--connection", location.Options.ConnectionString];

        var seed = await ProcessRunner.RunAsync(Cli, ["seed", "--scale", "0.02", "--seed", "5", "--json", .. where]);
        var info = await ProcessRunner.RunAsync(Cli, ["info", .. where]);
        var again = await ProcessRunner.RunAsync(Cli, ["seed", "--scale", "0.02", .. where]);

        Assert.Equal(0, seed.ExitCode);
        Assert.True(JsonDocument.Parse(seed.Output).RootElement.GetProperty("FactRows").GetInt64() > 10_000);
        Assert.Equal(0, info.ExitCode);
        Assert.Contains("Current", info.Output, StringComparison.Ordinal);
        Assert.Contains("seed 5", info.Output, StringComparison.Ordinal);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already exists", again.All, StringComparison.Ordinal);
    }

    private static string[] Split(string arguments)
    {
        // "Data Source=..." is one argument: rejoin it after splitting on spaces.
        var parts = arguments.Split(' ').ToList();
        var source = parts.IndexOf("Data");
        if (source >= 0)
        {
            parts[source] = parts[source] + " " + parts[source + 1];
            parts.RemoveAt(source + 1);
        }

        return [.. parts];
    }
}
