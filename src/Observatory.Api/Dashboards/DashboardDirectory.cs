using Observatory.Api.Embedding;
using Observatory.Api.Startup;
using Observatory.Dashboards.Definitions;
using Observatory.Dashboards.Pages;
using Observatory.Indicators.Catalogue;
using Observatory.Warehouse.Providers;

namespace Observatory.Api.Dashboards;

/// <summary>
/// The dashboards the host serves (read from seed/dashboards at start-up and checked against the catalogue) and what
/// their pages need of the warehouse, read once for each load.
/// </summary>
public sealed class DashboardDirectory(DashboardCatalogue dashboards, IndicatorCatalogue catalogue, WarehouseDatabase database, CurrentLoad current) : IEmbeddableDashboards, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (int? Load, DashboardFacts Facts)? _facts;

    public IReadOnlyList<DashboardDefinition> Dashboards => dashboards.Dashboards;

    public IndicatorCatalogue Catalogue => catalogue;

    public DashboardDefinition? Find(string id) => dashboards.Find(id);

    public async Task<DashboardFacts> FactsAsync(CancellationToken cancellationToken)
    {
        var load = (await current.GetAsync(cancellationToken)).LoadId;
        if (_facts is { } known && known.Load == load)
        {
            return known.Facts;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_facts is { } again && again.Load == load)
            {
                return again.Facts;
            }

            var facts = await DashboardFacts.ReadAsync(database, cancellationToken);
            _facts = (load, facts);
            return facts;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
