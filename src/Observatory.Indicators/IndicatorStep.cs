using Observatory.Indicators.Catalogue;
using Observatory.Indicators.Computation;
using Observatory.Indicators.Disclosure;
using Observatory.Warehouse;
using Observatory.Warehouse.Infrastructure;
using Observatory.Warehouse.Loading;

namespace Observatory.Indicators;

/// <summary>
/// Computes every indicator value of a warehouse and stores it beside the facts: run by each load on its staging
/// warehouse (so values are cached per load and published with it) and on demand for an existing warehouse.
/// </summary>
public sealed class IndicatorStep(IndicatorCatalogue catalogue, DisclosureRules rules) : IStagingStep
{
    /// <summary>The shipped catalogue with the default disclosure rules.</summary>
    public IndicatorStep() : this(IndicatorCatalogue.Load(), DisclosureRules.Default)
    {
    }

    public string Stage => "Computing indicators";

    /// <summary>What the last run computed and how long each part took.</summary>
    public IndicatorResult? LastResult { get; private set; }

    public async Task RunAsync(WarehouseOptions staging, CancellationToken cancellationToken)
    {
        IndicatorResult result;
        await using (var warehouse = WarehouseContextFactory.Create(staging))
        {
            result = await new IndicatorComputation(catalogue, rules).ComputeAsync(warehouse, cancellationToken);
            await IndicatorStore.ReplaceAsync(staging, warehouse.Model, result, cancellationToken);
        }

        LastResult = result;
    }
}
