using Observatory.Synthetic;
using Observatory.Tests.Support;
using Observatory.Warehouse;
using Observatory.Warehouse.Infrastructure;
using Observatory.Warehouse.Loading;
using Observatory.Warehouse.Model;
using Observatory.Warehouse.Model.Facts;

namespace Observatory.Tests.Warehouse;

public class LoaderTests
{
    [Theory]
    [MemberData(nameof(TestLocation.Providers), MemberType = typeof(TestLocation))]
    public async Task AFailedLoadLeavesThePreviousWarehouseIntact(WarehouseProvider provider)
    {
        await using var location = TestLocation.Create(provider);
        await SmallWarehouse.SeedAsync(location.Options, seed: 1);
        var before = await WarehouseQueries.FingerprintAsync(location.Options);

        var failing = new FailingSource(new SyntheticWarehouse(2, SmallWarehouse.Scale), failAfterReferrals: 500);
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new WarehouseLoader(location.Options).LoadAsync(failing, replaceExisting: true));

        Assert.Equal(FailingSource.Message, failure.Message);
        Assert.Equal(before, await WarehouseQueries.FingerprintAsync(location.Options));
        await AssertNoStagingLeftAsync(location);
    }

    [Theory]
    [MemberData(nameof(TestLocation.Providers), MemberType = typeof(TestLocation))]
    public async Task ACancelledLoadLeavesThePreviousWarehouseIntact(WarehouseProvider provider)
    {
        await using var location = TestLocation.Create(provider);
        await SmallWarehouse.SeedAsync(location.Options, seed: 1);
        var before = await WarehouseQueries.FingerprintAsync(location.Options);
        using var cancellation = new CancellationTokenSource();

        var source = new FailingSource(new SyntheticWarehouse(2, SmallWarehouse.Scale), failAfterReferrals: 500, cancel: cancellation);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new WarehouseLoader(location.Options).LoadAsync(source, replaceExisting: true, cancellation.Token));

        Assert.Equal(before, await WarehouseQueries.FingerprintAsync(location.Options));
        await AssertNoStagingLeftAsync(location);
    }

    [Theory]
    [MemberData(nameof(TestLocation.Providers), MemberType = typeof(TestLocation))]
    public async Task AnExistingWarehouseIsReplacedOnlyWhenAskedTo(WarehouseProvider provider)
    {
        await using var location = TestLocation.Create(provider);
        await SmallWarehouse.SeedAsync(location.Options, seed: 1);

        var refusal = await Assert.ThrowsAsync<WarehouseException>(() => SmallWarehouse.SeedAsync(location.Options, seed: 2));
        Assert.Contains("already exists", refusal.Message);
        Assert.Equal(1, await WarehouseQueries.ScalarAsync(location.Options, "SELECT \"RandomSeed\" FROM \"WarehouseLoads\""));

        await SmallWarehouse.SeedAsync(location.Options, seed: 2, replace: true);
        Assert.Equal(2, await WarehouseQueries.ScalarAsync(location.Options, "SELECT \"RandomSeed\" FROM \"WarehouseLoads\""));
    }

    [Theory]
    [MemberData(nameof(TestLocation.Providers), MemberType = typeof(TestLocation))]
    public async Task ALoadRebuildsEveryIndexAndForeignKeyAndItsRowsSatisfyThem(WarehouseProvider provider)
    {
        await using var location = TestLocation.Create(provider);
        await SmallWarehouse.SeedAsync(location.Options);
        await using var context = WarehouseContextFactory.Create(location.Options);
        var entities = context.Model.GetEntityTypes().ToList();
        var modelIndexes = entities.Sum(e => e.GetIndexes().Count());
        var modelForeignKeys = entities.Sum(e => e.GetForeignKeys().Count());

        if (provider == WarehouseProvider.Sqlite)
        {
            Assert.Empty(await WarehouseQueries.RowsAsync(location.Options, "PRAGMA foreign_key_check"));
            Assert.Equal(modelIndexes, await WarehouseQueries.ScalarAsync(location.Options,
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"));
        }
        else
        {
            var schema = location.Options.Schema;
            // Re-adding a foreign key validates every row against it.
            Assert.Equal(modelForeignKeys, await WarehouseQueries.ScalarAsync(location.Options,
                $"SELECT COUNT(*) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = '{schema}' AND c.contype = 'f' AND c.convalidated"));
            Assert.Equal(modelIndexes + entities.Count + 1, await WarehouseQueries.ScalarAsync(location.Options,
                $"SELECT COUNT(*) FROM pg_indexes WHERE schemaname = '{schema}'"));
        }
    }

    private static async Task AssertNoStagingLeftAsync(TestLocation location)
    {
        if (location.Provider == WarehouseProvider.Sqlite)
        {
            Assert.False(File.Exists(location.Options.SqliteFilePath + ".loading"));
            return;
        }

        var staging = await WarehouseQueries.ScalarAsync(location.Options,
            $"SELECT COUNT(*) FROM pg_namespace WHERE nspname = '{location.Options.Schema}_loading'");
        Assert.Equal(0, staging);
    }

    /// <summary>A source that breaks (or is cancelled) part way through writing referrals.</summary>
    private sealed class FailingSource(IWarehouseSource inner, int failAfterReferrals, CancellationTokenSource? cancel = null) : IWarehouseSource
    {
        public const string Message = "The extract ended unexpectedly.";

        public WarehouseLoad Describe() => inner.Describe();

        public IReadOnlyDictionary<string, long> EstimateRows() => inner.EstimateRows();

        public void WriteTo(IWarehouseSink sink, CancellationToken cancellationToken) =>
            inner.WriteTo(new Sink(sink, failAfterReferrals, Break), cancellationToken);

        private void Break()
        {
            if (cancel is null)
            {
                throw new InvalidOperationException(Message);
            }

            cancel.Cancel();
        }

        private sealed class Sink(IWarehouseSink inner, int limit, Action @break) : IWarehouseSink
        {
            private int _referrals;

            public ITableSink<T> Table<T>() where T : class
            {
                var table = inner.Table<T>();
                return typeof(T) == typeof(Referral) ? new Counting<T>(table, () => ++_referrals == limit, @break) : table;
            }
        }

        private sealed class Counting<T>(ITableSink<T> inner, Func<bool> reachedLimit, Action @break) : ITableSink<T>
        {
            public void Add(T row)
            {
                inner.Add(row);
                if (reachedLimit())
                {
                    @break();
                }
            }
        }
    }
}
