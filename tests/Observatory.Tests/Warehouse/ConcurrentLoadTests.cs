using Observatory.Synthetic;
using Observatory.Tests.Support;
using Observatory.Warehouse;
using Observatory.Warehouse.Loading;

namespace Observatory.Tests.Warehouse;

public class ConcurrentLoadTests
{
    [Theory]
    [MemberData(nameof(TestLocation.Providers), MemberType = typeof(TestLocation))]
    public async Task ASecondLoadIsRefusedAndTheFirstCompletesUntouched(WarehouseProvider provider)
    {
        await using var location = TestLocation.Create(provider);
        var first = new WarehouseLoader(location.Options);
        var running = first.LoadAsync(new SyntheticWarehouse(1, 0.3), replaceExisting: false);
        while (first.Progress.Stage != "Writing rows" && !running.IsCompleted)
        {
            await Task.Delay(10);
        }

        var refusal = await Assert.ThrowsAsync<WarehouseException>(() =>
            new WarehouseLoader(location.Options).LoadAsync(new SyntheticWarehouse(2, SmallWarehouse.Scale), replaceExisting: true));
        var summary = await running;

        Assert.Contains("Another load is writing", refusal.Message);
        Assert.True(summary.FactRows > 0);
        Assert.Equal(1, await WarehouseQueries.ScalarAsync(location.Options, "SELECT \"RandomSeed\" FROM \"WarehouseLoads\""));
    }

    [Fact]
    public async Task AFolderThatCannotBeWrittenIsReportedAsSuchNotAsAnotherLoad()
    {
        // /sys refuses new files even to root: a stand-in for a read-only data folder.
        var options = WarehouseOptions.Create("Sqlite", "Data Source=/sys/observatory-test.db");

        var refusal = await Assert.ThrowsAsync<WarehouseException>(() => new WarehouseLoader(options).LoadAsync(new SyntheticWarehouse(1, SmallWarehouse.Scale), replaceExisting: false));

        Assert.Contains("Cannot write beside", refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Another load", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StagingLeftByAKilledLoadIsRemovedWhenNoLoadIsRunning()
    {
        await using var location = TestLocation.Sqlite();
        await SmallWarehouse.SeedAsync(location.Options);
        var staging = location.Options.SqliteFilePath + ".loading";
        await File.WriteAllBytesAsync(staging, new byte[4096], TestContext.Current.CancellationToken);

        Assert.True(await new WarehouseLoader(location.Options).RemoveAbandonedStagingAsync(TestContext.Current.CancellationToken));
        Assert.False(File.Exists(staging));
        Assert.True(File.Exists(location.Options.SqliteFilePath));
    }
}
