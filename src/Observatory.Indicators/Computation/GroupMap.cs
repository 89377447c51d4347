using Microsoft.EntityFrameworkCore;
using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Metadata;
using Observatory.Indicators.Catalogue;
using Observatory.Warehouse.Providers;

namespace Observatory.Indicators.Computation;

/// <summary>A group of a breakdown as published.</summary>
public sealed record Group(string Code, string Name, int Order, string? Parent);

/// <summary>
/// The groups of one breakdown and which group each dimension key falls in (by the breakdown's key, or by its
/// census key when the denominator is the census population). Read once per computation from the dimension table.
/// </summary>
internal sealed class GroupMap
{
    private GroupMap(IReadOnlyList<Group> groups, int[] byKey) => (Groups, _byKey) = (groups, byKey);

    private readonly int[] _byKey;

    public IReadOnlyList<Group> Groups { get; }

    /// <summary>The group index of a dimension key, or −1 for a key the dimension does not hold.</summary>
    public int this[long key] => key >= 0 && key < _byKey.Length ? _byKey[key] : -1;

    public static GroupMap Overall { get; } = new([new Group("All", "All", 0, null)], []);

    public static async Task<GroupMap> ReadAsync(WarehouseDatabase database, DbConnection connection, IEntityType facts, Breakdown breakdown, bool census,
        CancellationToken cancellationToken)
    {
        var dimension = facts.FindNavigation(breakdown.Navigation)!.TargetEntityType;
        var keyColumn = dimension.FindPrimaryKey()!.Properties[0].GetColumnName();
        var groupColumn = census ? breakdown.PopulationKey! : breakdown.Key;
        var parentColumn = breakdown.Parent is null ? null : census ? "CensusBroadGroup" : breakdown.Parent;
        // The name shown for a census group is the group itself (the census groups have no separate label).
        var labelColumn = census && groupColumn != breakdown.Key ? groupColumn : breakdown.Label;
        var sql = $"SELECT \"{keyColumn}\", \"{groupColumn}\", \"{labelColumn}\", \"{breakdown.Order}\"" +
                  (parentColumn is null ? "" : $", \"{parentColumn}\"") + $" FROM \"{dimension.GetTableName()}\"";
        var rows = new List<(long Key, string Code, string Name, int Order, string? Parent)>();
        await using (var reader = await database.ReadAsync(connection, new SqlStatement(sql, []), cancellationToken))
        {
            while (await reader.ReadAsync())
            {
                rows.Add((Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), Text(reader.GetValue(1)), Text(reader.GetValue(2)),
                    Convert.ToInt32(reader.GetValue(3), CultureInfo.InvariantCulture), parentColumn is null ? null : Text(reader.GetValue(4))));
            }
        }

        // One group per distinct code, ordered by its first member's sort order.
        var groups = rows.GroupBy(r => r.Code).Select(g => g.MinBy(r => r.Order)).OrderBy(r => r.Order).ThenBy(r => r.Code, StringComparer.Ordinal)
            .Select((r, i) => new Group(r.Code, Name(breakdown, r.Code, r.Name), i + 1, r.Parent)).ToArray();
        var index = groups.Select((g, i) => (g.Code, i)).ToDictionary(p => p.Code, p => p.i);
        var byKey = new int[rows.Count == 0 ? 0 : (int)rows.Max(r => r.Key) + 1];
        Array.Fill(byKey, -1);
        foreach (var row in rows)
        {
            byKey[row.Key] = index[row.Code];
        }

        return new GroupMap(groups, byKey);
    }

    private static string Name(Breakdown breakdown, string code, string name) => breakdown.Id == "imd-quintile"
        ? code switch { "1" => "1 (most deprived)", "5" => "5 (least deprived)", _ => code }
        : name;

    private static string Text(object value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
}
