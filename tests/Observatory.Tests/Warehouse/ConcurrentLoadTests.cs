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
}
