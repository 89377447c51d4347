using Observatory.Indicators.Catalogue;
using Observatory.Warehouse.Infrastructure;
using Observatory.Warehouse.Model.Facts;
using Observatory.Warehouse.Providers;

namespace Observatory.Indicators.Computation;

/// <summary>The groups of a breakdown as the indicator values name them (code, name, order and parent), read from its dimension.</summary>
public static class BreakdownGroups
{
    public static async Task<IReadOnlyList<Group>> ReadAsync(WarehouseDatabase database, Breakdown breakdown, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenForReadingAsync(cancellationToken);
        // Referrals reach every dimension a breakdown names.
        var facts = WarehouseContextFactory.Model.FindEntityType(typeof(Referral))!;
        return (await GroupMap.ReadAsync(database, connection, facts, breakdown, census: false, cancellationToken)).Groups;
    }

    /// <summary>The boroughs values are given for, beside the ICS as a whole.</summary>
    public static Task<IReadOnlyList<Group>> BoroughsAsync(WarehouseDatabase database, CancellationToken cancellationToken) =>
        ReadAsync(database, IndicatorPlan.Boroughs, cancellationToken);
}
