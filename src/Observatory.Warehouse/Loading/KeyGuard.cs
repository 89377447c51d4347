using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Observatory.Warehouse.Loading;

/// <summary>
/// Checks every foreign key of every row as it streams in, so a load can never publish a fact that points at a
/// missing dimension member (a date outside the calendar, an unknown service). Keys of referenced tables are
/// remembered as their rows pass; a source writes referenced rows before the rows that refer to them. Checking
/// here costs a bit test per key, where checking in SQLite after the load would cost a scan per key.
/// </summary>
internal sealed class KeyGuard(IModel model)
{
    private readonly Dictionary<string, KeySet> _keysByTable = model.GetEntityTypes()
        .Where(e => e.GetReferencingForeignKeys().Any())
        .ToDictionary(e => e.GetTableName()!, _ => new KeySet());

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

    internal sealed record Reference(int Column, string Name, string PrincipalTable, KeySet PrincipalKeys);

    /// <summary>
    /// Keys seen so far: a bitmap while keys are small (the warehouse's keys are dense: codes, yyyymmdd dates,
    /// running numbers), a hash set beyond that.
    /// </summary>
    internal sealed class KeySet
    {
        private const long BitmapLimit = 1L << 28;
        private readonly HashSet<long> _large = [];
        private ulong[] _bits = new ulong[1024];

        public void Add(long key)
        {
            if (key is < 0 or >= BitmapLimit)
            {
                _large.Add(key);
                return;
            }

            var word = (int)(key >> 6);
            if (word >= _bits.Length)
            {
                Array.Resize(ref _bits, Math.Max(word + 1, _bits.Length * 2));
            }

            _bits[word] |= 1UL << (int)(key & 63);
        }

        public bool Contains(long key)
        {
            if (key is < 0 or >= BitmapLimit)
            {
                return _large.Contains(key);
            }

            var word = (int)(key >> 6);
            return word < _bits.Length && (_bits[word] & (1UL << (int)(key & 63))) != 0;
        }
    }

    internal sealed class TableKeys(string table, int keyColumn, string keyName, KeySet? ownKeys, Reference[] references)
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
