using Observatory.Tests.Support;
using Observatory.Warehouse;
using Observatory.Warehouse.Infrastructure;

namespace Observatory.Tests.Synthetic;

public class DeterminismTests
{
    [Fact]
    public async Task TheSameSeedAndScaleGiveTheSameWarehouseValueForValue()
    {
        await using var first = TestLocation.Sqlite();
        await using var second = TestLocation.Sqlite();
        await using var other = TestLocation.Sqlite();

        await SmallWarehouse.SeedAsync(first.Options, seed: 7, scale: 0.05);
        await SmallWarehouse.SeedAsync(second.Options, seed: 7, scale: 0.05);
        await SmallWarehouse.SeedAsync(other.Options, seed: 8, scale: 0.05);

        Assert.Equal(await WarehouseQueries.FingerprintAsync(first.Options), await WarehouseQueries.FingerprintAsync(second.Options));
        Assert.NotEqual(await WarehouseQueries.FingerprintAsync(first.Options), await WarehouseQueries.FingerprintAsync(other.Options));
    }

    [Fact]
    public async Task SqliteAndPostgreSqlReceiveTheSameRows()
    {
        await using var sqlite = TestLocation.Create(WarehouseProvider.Sqlite);
        await using var postgres = TestLocation.Create(WarehouseProvider.PostgreSql);

        await SmallWarehouse.SeedAsync(sqlite.Options, seed: 3);
        await SmallWarehouse.SeedAsync(postgres.Options, seed: 3);

        Assert.Equal(await WarehouseQueries.FingerprintAsync(sqlite.Options), await WarehouseQueries.FingerprintAsync(postgres.Options));
        Assert.Empty((await WarehouseFingerprint.ComputeAsync(postgres.Options, TestContext.Current.CancellationToken))
            .DifferencesFrom(await WarehouseFingerprint.ComputeAsync(sqlite.Options, TestContext.Current.CancellationToken)));
    }
}
