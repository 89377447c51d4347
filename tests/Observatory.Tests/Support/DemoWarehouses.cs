using Observatory.Indicators;
using Observatory.Synthetic;
using Observatory.Warehouse;
using Observatory.Warehouse.Loading;

[assembly: AssemblyFixture(typeof(Observatory.Tests.Support.DemoWarehouses))]

namespace Observatory.Tests.Support;

/// <summary>The default demo warehouse (demo seed, scale 1), seeded once per provider for the whole test run.</summary>
public sealed class DemoWarehouses : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<WarehouseProvider, TestLocation> _locations = [];

    public async Task<WarehouseOptions> GetAsync(WarehouseProvider provider)
    {
        await _gate.WaitAsync();
        try
        {
            if (!_locations.TryGetValue(provider, out var location))
            {
                location = TestLocation.Create(provider);
                await new WarehouseLoader(location.Options, LoadSteps.Default()).LoadAsync(new SyntheticWarehouse(), replaceExisting: false);
                _locations.Add(provider, location);
            }

            return location.Options;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var location in _locations.Values)
        {
            await location.DisposeAsync();
        }

        _gate.Dispose();
    }
}
