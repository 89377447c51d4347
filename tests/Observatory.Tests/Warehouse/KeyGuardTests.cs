using Observatory.Synthetic;
using Observatory.Tests.Support;
using Observatory.Warehouse;
using Observatory.Warehouse.Loading;
using Observatory.Warehouse.Model;
using Observatory.Warehouse.Model.Facts;

namespace Observatory.Tests.Warehouse;

public class KeyGuardTests
{
    [Theory]
    [MemberData(nameof(TestLocation.Providers), MemberType = typeof(TestLocation))]
    public async Task AFactPointingAtAMissingDimensionMemberStopsTheLoadBeforeAnythingIsPublished(WarehouseProvider provider)
    {
        await using var location = TestLocation.Create(provider);
        await SmallWarehouse.SeedAsync(location.Options, seed: 1);
        var before = await WarehouseQueries.FingerprintAsync(location.Options);

        var failure = await Assert.ThrowsAsync<WarehouseException>(() => new WarehouseLoader(location.Options)
            .LoadAsync(new DateOutsideTheCalendar(new SyntheticWarehouse(2, SmallWarehouse.Scale)), replaceExisting: true));

        Assert.Contains("EndDateKey 20990101 has no row in Dates", failure.Message);
        Assert.Equal(before, await WarehouseQueries.FingerprintAsync(location.Options));
    }

    /// <summary>Dates the 100th referral's end in 2099, far outside the calendar.</summary>
    private sealed class DateOutsideTheCalendar(IWarehouseSource inner) : IWarehouseSource
    {
        public WarehouseLoad Describe() => inner.Describe();

        public IReadOnlyDictionary<string, long> EstimateRows() => inner.EstimateRows();

        public void WriteTo(IWarehouseSink sink, CancellationToken cancellationToken) => inner.WriteTo(new Sink(sink), cancellationToken);

        private sealed class Sink(IWarehouseSink inner) : IWarehouseSink
        {
            public ITableSink<T> Table<T>() where T : class =>
                typeof(T) == typeof(Referral) ? (ITableSink<T>)(object)new Breaking(inner.Table<Referral>()) : inner.Table<T>();
        }

        private sealed class Breaking(ITableSink<Referral> inner) : ITableSink<Referral>
        {
            private int _count;

            public void Add(Referral row)
            {
                if (++_count == 100)
                {
                    row.EndDateKey = 20990101;
                }

                inner.Add(row);
            }
        }
    }
}
