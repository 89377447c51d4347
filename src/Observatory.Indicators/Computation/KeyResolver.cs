using System.Data.Common;
using Observatory.Warehouse.Providers;

namespace Observatory.Indicators.Computation;

/// <summary>
/// Resolves a dimension condition (a query for the dimension keys that meet it) on one connection, once however
/// many indicators share it, so that fact queries filter on key lists rather than joining each row to its dimension.
/// </summary>
internal static class KeyResolver
{
    public static Func<string, CancellationToken, Task<IReadOnlyList<long>>> For(WarehouseDatabase database, DbConnection connection)
    {
        var resolved = new Dictionary<string, IReadOnlyList<long>>(StringComparer.Ordinal);
        return async (sql, cancellationToken) =>
        {
            if (resolved.TryGetValue(sql, out var known))
            {
                return known;
            }

            await using var rows = await database.ReadAsync(connection, new SqlStatement(sql, []), cancellationToken);
            var keys = new List<long>();
            while (await rows.ReadAsync())
            {
                keys.Add(rows.GetInt64(0));
            }

            return resolved[sql] = keys;
        };
    }
}
