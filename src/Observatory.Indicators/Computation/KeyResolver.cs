using System.Data.Common;

namespace Observatory.Indicators.Computation;

/// <summary>
/// Resolves a dimension condition (a query for the dimension keys that meet it) on one connection, once however
/// many indicators share it, so that fact queries filter on key lists rather than joining each row to its dimension.
/// </summary>
internal static class KeyResolver
{
    public static Func<string, IReadOnlyList<long>> For(DbConnection connection)
    {
        var resolved = new Dictionary<string, IReadOnlyList<long>>(StringComparer.Ordinal);
        return sql =>
        {
            if (resolved.TryGetValue(sql, out var known))
            {
                return known;
            }

            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            var keys = new List<long>();
            while (reader.Read())
            {
                keys.Add(reader.GetInt64(0));
            }

            return resolved[sql] = keys;
        };
    }
}
