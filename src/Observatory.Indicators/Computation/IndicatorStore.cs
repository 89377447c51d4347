using Microsoft.EntityFrameworkCore.Metadata;
using Observatory.Warehouse;
using Observatory.Warehouse.Loading;
using Observatory.Warehouse.Model.Indicators;

namespace Observatory.Indicators.Computation;

/// <summary>Replaces the stored catalogue and values with a new computation, in one transaction, through the bulk writers.</summary>
public static class IndicatorStore
{
    /// <returns>How many values were stored.</returns>
    public static async Task<long> ReplaceAsync(WarehouseOptions options, IModel model, IndicatorResult result, CancellationToken cancellationToken = default)
    {
        // Numbered as they come, in the order of the values' index, so both the table and its index are appended to.
        long id = 0;
        var values = result.Values.Select(value =>
        {
            value.IndicatorValueId = ++id;
            return value;
        });

        await using var replacement = await TableReplacement.BeginAsync(options, model, cancellationToken);
        await replacement.ClearAsync([typeof(IndicatorValue), typeof(Indicator)], cancellationToken);
        await replacement.WriteAsync(result.Indicators, cancellationToken);
        await replacement.WriteAsync(values, cancellationToken);
        await replacement.CommitAsync(cancellationToken);
        return id;
    }
}
