using System.Diagnostics;
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
    public IndicatorRun? LastRun { get; private set; }

    public async Task RunAsync(WarehouseOptions staging, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using var warehouse = WarehouseContextFactory.Create(staging);
        var result = await new IndicatorComputation(catalogue, rules).ComputeAsync(warehouse, cancellationToken);
        var values = await IndicatorStore.ReplaceAsync(staging, warehouse.Model, result, cancellationToken);
        LastRun = new IndicatorRun(result.Indicators.Count, values, result.QueryTime, clock.Elapsed - result.QueryTime);
    }
}

/// <param name="QueryTime">Running the grouped queries and adding up their rows.</param>
/// <param name="ValueTime">Statistics, disclosure control and storing, which overlap.</param>
public sealed record IndicatorRun(int Indicators, long Values, TimeSpan QueryTime, TimeSpan ValueTime);
