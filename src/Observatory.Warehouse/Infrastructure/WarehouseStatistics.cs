using Microsoft.EntityFrameworkCore;

namespace Observatory.Warehouse.Infrastructure;

/// <summary>Row counts of every warehouse table, for 'info' and the host's status page.</summary>
public static class WarehouseStatistics
{
    public static async Task<IReadOnlyList<(string Table, bool IsFact, long Rows)>> CountRowsAsync(
        WarehouseContext context, CancellationToken cancellationToken)
    {
        var facts = WarehouseTables.Facts.ToHashSet();
        var counts = new List<(string, bool, long)>();
        var connection = context.Database.GetDbConnection();
        await context.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            foreach (var entity in context.Model.GetEntityTypes().OrderBy(e => facts.Contains(e.ClrType) ? 0 : 1).ThenBy(e => e.GetTableName()))
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT COUNT(*) FROM \"{entity.GetTableName()}\"";
                var rows = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
                counts.Add((entity.GetTableName()!, facts.Contains(entity.ClrType), rows));
            }
        }
        finally
        {
            await context.Database.CloseConnectionAsync();
        }

        return counts;
    }
}
