using Observatory.Tests.Support;
using Observatory.Warehouse;
using Observatory.Warehouse.Infrastructure;

namespace Observatory.Tests.Warehouse;

public class WarehouseFingerprintTests
{
    [Theory]
    [MemberData(nameof(TestLocation.Providers), MemberType = typeof(TestLocation))]
    public async Task AChangedValueShowsInItsOwnTableAlone(WarehouseProvider provider)
    {
        await using var location = TestLocation.Create(provider);
        await SmallWarehouse.SeedAsync(location.Options);
        var before = await WarehouseFingerprint.ComputeAsync(location.Options, TestContext.Current.CancellationToken);

        // A value made null, and a dimension's text given a tab: both are written distinctly in the canonical text.
        await SchemaInspectionTests.ExecuteAsync(location,
            "UPDATE \"Referrals\" SET \"LastPhq9\" = NULL WHERE \"ReferralId\" = (SELECT MIN(\"ReferralId\") FROM \"Referrals\" WHERE \"LastPhq9\" IS NOT NULL)");
        var nulled = await WarehouseFingerprint.ComputeAsync(location.Options, TestContext.Current.CancellationToken);
        await SchemaInspectionTests.ExecuteAsync(location, "UPDATE \"Providers\" SET \"Name\" = \"Name\" || '\t' WHERE \"ProviderKey\" = 1");
        var tabbed = await WarehouseFingerprint.ComputeAsync(location.Options, TestContext.Current.CancellationToken);

        var referrals = before.Tables.Single(t => t.Table == "Referrals").Rows;
        Assert.Equal([$"Referrals: same {referrals:N0} rows, different values"], nulled.DifferencesFrom(before));
        Assert.Equal(["Providers: same 7 rows, different values"], tabbed.DifferencesFrom(nulled));
        Assert.Equal((1, SmallWarehouse.Scale), (before.Seed, before.Scale));
    }

    [Fact]
    public void TheFingerprintReadsBackFromItsFile()
    {
        var fingerprint = new WarehouseFingerprint(7, 0.5, [new TableFingerprint("Referrals", 12, "ab"), new TableFingerprint("Areas", 150, "cd")]);

        var read = WarehouseFingerprint.FromJson(fingerprint.ToJson("a test"));

        Assert.Equal((7, 0.5), (read.Seed, read.Scale));
        Assert.Equal(["Areas", "Referrals"], read.Tables.Select(t => t.Table));
        Assert.Empty(read.DifferencesFrom(fingerprint));
        Assert.Equal(["Areas: missing here", "Referrals: 13 rows, expected 12"],
            new WarehouseFingerprint(7, 0.5, [new TableFingerprint("Referrals", 13, "ab")]).DifferencesFrom(fingerprint));
    }
}
