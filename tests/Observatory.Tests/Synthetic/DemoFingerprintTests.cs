using Observatory.Synthetic;
using Observatory.Tests.Support;
using Observatory.Warehouse;
using Observatory.Warehouse.Infrastructure;

namespace Observatory.Tests.Synthetic;

/// <summary>
/// The demo warehouse, table by table, against its pinned fingerprint (seed/fingerprints/demo.json): any change that
/// alters the generated data, in the generator or in seed/, shows here rather than only as two runs disagreeing.
/// </summary>
public class DemoFingerprintTests(DemoWarehouses demo)
{
    private const string Repin =
        "If the change to the generated data is intended, re-pin the fingerprint and say why in the commit:\n" +
        "  dotnet run --project src/Observatory.Cli -- seed --replace --connection \"Data Source=/tmp/observatory-demo.db\"\n" +
        "  dotnet run --project src/Observatory.Cli -- info --connection \"Data Source=/tmp/observatory-demo.db\" --write-fingerprint seed/fingerprints/demo.json\n" +
        "and update any documented figure of the demo warehouse that changed.";

    [Theory]
    [MemberData(nameof(TestLocation.Providers), MemberType = typeof(TestLocation))]
    public async Task TheDemoWarehouseMatchesItsPinnedFingerprintTableByTable(WarehouseProvider provider)
    {
        var options = await demo.GetAsync(provider);

        var pinned = SyntheticWarehouse.DemoFingerprint();
        var differences = (await WarehouseFingerprint.ComputeAsync(options, TestContext.Current.CancellationToken)).DifferencesFrom(pinned);

        Assert.Equal((SyntheticWarehouse.DemoSeed, SyntheticWarehouse.DemoScale), (pinned.Seed, pinned.Scale));
        Assert.True(differences.Count == 0,
            $"The demo warehouse (seed {SyntheticWarehouse.DemoSeed}, scale {SyntheticWarehouse.DemoScale}) on {provider} differs from " +
            $"seed/fingerprints/demo.json in {differences.Count} table(s):\n  {string.Join("\n  ", differences)}\n{Repin}");
    }

    [Fact]
    public async Task InfoPrintsTheFingerprintAndSaysTheDemoMatchesThePinnedOne()
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        var file = Path.Combine(Path.GetTempPath(), $"fingerprint-{Guid.NewGuid():N}.json");
        try
        {
            var result = await ProcessRunner.RunAsync("observatory.dll",
                ["info", "--fingerprint", "--write-fingerprint", file, "--connection", options.ConnectionString]);

            Assert.Equal(0, result.ExitCode);
            Assert.Contains("The demo warehouse matches its pinned fingerprint", result.Output, StringComparison.Ordinal);
            Assert.Contains(SyntheticWarehouse.DemoFingerprint().Tables.Single(t => t.Table == "Referrals").Sha256, result.Output, StringComparison.Ordinal);
            Assert.Empty(WarehouseFingerprint.FromJson(await File.ReadAllTextAsync(file)).DifferencesFrom(SyntheticWarehouse.DemoFingerprint()));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
