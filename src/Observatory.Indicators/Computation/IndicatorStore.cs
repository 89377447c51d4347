using Microsoft.EntityFrameworkCore.Metadata;
using Observatory.Warehouse;
using Observatory.Warehouse.Loading;
using Observatory.Warehouse.Model.Indicators;

namespace Observatory.Indicators.Computation;

/// <summary>Replaces the stored catalogue and values with a new computation, in one transaction, through the bulk writers.</summary>
public static class IndicatorStore
{
    public static async Task ReplaceAsync(WarehouseOptions options, IModel model, IndicatorResult result, CancellationToken cancellationToken = default)
    {
        // Numbered in the order of the values' index, so both the table and its index are written as appends.
        var values = result.Values.OrderBy(v => v.IndicatorId, StringComparer.Ordinal).ThenBy(v => v.Disclosure, StringComparer.Ordinal)
            .ThenBy(v => v.PeriodType, StringComparer.Ordinal).ThenBy(v => v.Breakdown, StringComparer.Ordinal).ThenBy(v => v.PeriodStartKey).ToList();
        long id = 0;
        foreach (var value in values)
        {
            value.IndicatorValueId = ++id;
        }

        await using var replacement = await TableReplacement.BeginAsync(options, model, cancellationToken);
        await replacement.ClearAsync([typeof(IndicatorValue), typeof(Indicator)], cancellationToken);
        await replacement.WriteAsync(result.Indicators, cancellationToken);
        await replacement.WriteAsync(values, cancellationToken);
        await replacement.CommitAsync(cancellationToken);
    }
}
