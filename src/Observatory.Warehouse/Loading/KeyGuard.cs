using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Observatory.Warehouse.Loading;

/// <summary>
/// Checks every foreign key of every row as it streams in, so a load can never publish a fact that points at a
/// missing dimension member (a date outside the calendar, an unknown service). Keys of referenced tables are
/// remembered as their rows pass; a source writes referenced rows before the rows that refer to them. Checking
/// here costs a hash lookup per key, where checking in SQLite after the load would cost a scan per key.
/// </summary>
internal sealed class KeyGuard(IModel model)
{
    private readonly Dictionary<string, HashSet<long>> _keysByTable = model.GetEntityTypes()
        .Where(e => e.GetReferencingForeignKeys().Any())
        .ToDictionary(e => e.GetTableName()!, _ => new HashSet<long>());

    /// <summary>The checks for one table, given its columns in write order.</summary>
    public TableKeys For(string table, IReadOnlyList<string> columns)
    {
        var entity = model.GetEntityTypes().Single(e => e.GetTableName() == table);
        var primaryKey = entity.FindPrimaryKey()!.Properties[0].GetColumnName();
        var references = entity.GetForeignKeys()
            .Select(fk => new Reference(
                IndexOf(columns, fk.Properties[0].GetColumnName()),
                fk.Properties[0].GetColumnName(),
                fk.PrincipalEntityType.GetTableName()!,
                _keysByTable[fk.PrincipalEntityType.GetTableName()!]))
            .ToArray();
        return new TableKeys(table, IndexOf(columns, primaryKey), primaryKey, _keysByTable.GetValueOrDefault(table), references);
    }

    private static int IndexOf(IReadOnlyList<string> columns, string column) =>
        columns.Select((name, index) => (name, index)).Single(c => c.name == column).index;

    internal sealed record Reference(int Column, string Name, string PrincipalTable, HashSet<long> PrincipalKeys);

    internal sealed class TableKeys(string table, int keyColumn, string keyName, HashSet<long>? ownKeys, Reference[] references)
    {
        /// <summary>Checks the row just recorded at <paramref name="firstCell"/> and remembers its key if others refer to it.</summary>
        public void Check(RowBatch batch, int firstCell)
        {
            foreach (var reference in references)
            {
                var cell = firstCell + reference.Column;
                if (batch.Kinds[cell] != ValueKind.Null && !reference.PrincipalKeys.Contains(batch.Values[cell]))
                {
                    throw new WarehouseException(
                        $"{table} row {keyName} {batch.Values[firstCell + keyColumn]}: {reference.Name} {batch.Values[cell]} " +
                        $"has no row in {reference.PrincipalTable}. The source is inconsistent; nothing was published.");
                }
            }

            ownKeys?.Add(batch.Values[firstCell + keyColumn]);
        }
    }
}
