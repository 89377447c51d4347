using System.Data.Common;
using System.Globalization;
using Microsoft.OData.Edm;
using Observatory.Warehouse.Model;
using Observatory.Warehouse.Providers;

namespace Observatory.Query.Summaries;

/// <summary>
/// Adds up the cubes of one fact set in one read of its rows: first into a base grouped by the dimension keys the
/// cubes need (dates by month, each dimension by the attributes the cubes keep of it), then each cube from the base.
/// Sorting a million rows in SQL once per cube would cost seconds each; this costs one scan.
/// </summary>
internal sealed class CubeBuilder
{
    /// <summary>Rows per INSERT.</summary>
    private const int InsertRows = 500;

    private readonly IEdmEntitySet _set;
    private readonly IReadOnlyList<SummaryCube> _cubes;
    private readonly List<Dimension> _dimensions = [];
    private readonly string[] _measures;
    private readonly int _flags;

    public CubeBuilder(IEdmEntitySet set, IReadOnlyList<SummaryCube> cubes)
    {
        _set = set;
        _cubes = cubes;
        var flags = SummaryCube.Flags(set.EntityType);
        _flags = flags.Count;
        // Rows and their keys, each flag and its keys, then the sums.
        _measures = [SummaryCube.Rows, SummaryCube.RowKeys, .. flags.SelectMany(f => new[] { f, SummaryCube.KeysOf(f) }), .. SummaryCube.Sums(set.EntityType)];
        foreach (var path in cubes.SelectMany(c => c.AllPaths).Distinct())
        {
            var (navigation, attribute) = Resolve(set, path);
            var key = navigation.DependentProperties().Single().Name;
            var dimension = _dimensions.FirstOrDefault(d => d.Key == key);
            if (dimension is null)
            {
                _dimensions.Add(dimension = new Dimension(key, navigation.Name, navigation.ToEntityType().Name == "CalendarDate"));
            }

            if (!dimension.Attributes.Contains(attribute))
            {
                dimension.Attributes.Add(attribute);
            }
        }

        if (_measures.Length > 64)
        {
            throw new InvalidOperationException($"The cubes of {set.Name} keep {_measures.Length} measures; a group's totals hold 64.");
        }

        if (_dimensions.Count > BaseKey.Width)
        {
            throw new InvalidOperationException($"The cubes of {set.Name} keep {_dimensions.Count} dimensions; a base key holds {BaseKey.Width}.");
        }
    }

    /// <summary>
    /// The navigation and attribute a cube path reads: <c>Nav/Attribute</c>, or a fact's own dimension key, which is
    /// its dimension's own key (<c>ServiceKey</c> is <c>Service/ServiceKey</c>).
    /// </summary>
    private static (IEdmNavigationProperty Navigation, string Attribute) Resolve(IEdmEntitySet set, string path)
    {
        var parts = path.Split('/');
        if (parts.Length == 2)
        {
            return ((IEdmNavigationProperty)set.EntityType.FindProperty(parts[0]), parts[1]);
        }

        var navigation = set.EntityType.NavigationProperties().Single(n => n.DependentProperties()?.SingleOrDefault()?.Name == path);
        return (navigation, navigation.ToEntityType().Key().Single().Name);
    }

    /// <summary>
    /// Reads the dimensions, then for each date the cubes use: the facts into that date's base, and each of its cubes
    /// rolled up and written, in one transaction a date (reads and writes never interleave on the connection). Only
    /// one base and one cube's rows are held at a time.
    /// </summary>
    public async Task BuildAsync(WarehouseDatabase database, DbConnection connection, CancellationToken cancellationToken)
    {
        foreach (var dimension in _dimensions)
        {
            await dimension.ReadAsync(database, connection, _set, cancellationToken);
        }

        foreach (var date in _cubes.Select(c => c.Date).Distinct())
        {
            var rows = await ReadFactsAsync(database, connection, date, cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            foreach (var cube in _cubes.Where(c => c.Date == date))
            {
                await WriteAsync(database, transaction, cube, Roll(cube, rows), cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>Creates a cube's table and writes its rows, in the caller's transaction.</summary>
    private async Task WriteAsync(WarehouseDatabase database, DbTransaction transaction, SummaryCube cube,
        List<(object?[] Values, Totals Sums)> rows, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var facts = new Sql.TableScope(_set, SqlDialectQuote(_set.Name), new Sql.Aliases());
        var paths = cube.AllPaths.ToList();
        var types = paths.Select(path =>
        {
            var parts = path.Split('/');
            return ColumnType(database, facts.Property(parts[..^1], parts[^1]).Type!);
        }).Concat(_measures.Select(_ => "BIGINT")).ToList();
        var names = paths.Concat(_measures).ToList();
        await ExecuteAsync(transaction, $"DROP TABLE IF EXISTS {SqlDialectQuote(cube.Name)}", cancellationToken);
        await ExecuteAsync(transaction, $"CREATE TABLE {SqlDialectQuote(cube.Name)} ({string.Join(", ", names.Select((n, i) => $"{SqlDialectQuote(n)} {types[i]}"))})", cancellationToken);

        // The rows go as literals, a few hundred to a statement: binding some forty named parameters a row costs more
        // than parsing them. Every value is a whole number or a dimension's own text, quoted as SQL quotes it.
        var postgres = database.Options.Provider == Warehouse.WarehouseProvider.PostgreSql;
        foreach (var chunk in rows.Chunk(InsertRows))
        {
            var sql = new System.Text.StringBuilder($"INSERT INTO {SqlDialectQuote(cube.Name)} ({string.Join(", ", names.Select(SqlDialectQuote))}) VALUES ");
            for (var r = 0; r < chunk.Length; r++)
            {
                sql.Append(r == 0 ? "(" : ", (");
                var (values, sums) = chunk[r];
                for (var v = 0; v < values.Length + sums.Width; v++)
                {
                    sql.Append(v == 0 ? "" : ", ").Append(Literal(v < values.Length ? values[v] : sums[v - values.Length], postgres));
                }

                sql.Append(')');
            }

            await ExecuteAsync(transaction, sql.ToString(), cancellationToken);
        }
    }

    private static string Literal(object? value, bool postgres) => value switch
    {
        null => "NULL",
        string text => $"'{text.Replace("'", "''", StringComparison.Ordinal)}'",
        bool flag => postgres ? (flag ? "TRUE" : "FALSE") : (flag ? "1" : "0"),
        long number => number.ToString(CultureInfo.InvariantCulture),
        int number => number.ToString(CultureInfo.InvariantCulture),
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        _ => throw new InvalidOperationException($"A summary cube holds no {value.GetType().Name}."),
    };

    /// <summary>The facts grouped by one date the cubes use: the base of that date, keyed by every dimension's class (the date's by its month).</summary>
    private async Task<Dictionary<BaseKey, Totals>> ReadFactsAsync(WarehouseDatabase database, DbConnection connection, string date, CancellationToken cancellationToken)
    {
        var keys = _dimensions.Select(d => d.Key).Distinct().ToList();
        var recordKey = SqlDialectQuote(nameof(IKeyedRecord.RecordKey));
        var flags = SummaryCube.Flags(_set.EntityType);
        var columns = keys.Select(SqlDialectQuote).Append(recordKey).Concat(flags.Select(SqlDialectQuote)).Concat(SummaryCube.Sums(_set.EntityType).Select(SqlDialectQuote));
        var rowsByKey = new Dictionary<BaseKey, Totals>();
        var classes = new int[_dimensions.Count];
        var values = new long?[keys.Count];
        await using var rows = await database.ReadAsync(connection, new SqlStatement($"SELECT {string.Join(", ", columns)} FROM {SqlDialectQuote(_set.Name)}", []), cancellationToken);
        var sumsAt = keys.Count + 1 + flags.Count;
        var fieldCount = sumsAt + SummaryCube.Sums(_set.EntityType).Count;
        var measures = new long?[_measures.Length];
        while (await rows.ReadAsync())
        {
            for (var k = 0; k < keys.Count; k++)
            {
                values[k] = rows.IsNull(k) ? null : rows.GetInt64(k);
            }

            var record = rows.GetInt64(keys.Count);
            measures[0] = 1;
            measures[1] = record;
            for (var f = 0; f < flags.Count; f++)
            {
                var flag = rows.IsNull(keys.Count + 1 + f) ? 0 : rows.GetInt64(keys.Count + 1 + f);
                measures[2 + 2 * f] = flag;
                measures[3 + 2 * f] = record * flag;
            }

            for (var s = sumsAt; s < fieldCount; s++)
            {
                measures[2 + 2 * _flags + s - sumsAt] = rows.IsNull(s) ? null : rows.GetInt64(s);
            }

            for (var d = 0; d < _dimensions.Count; d++)
            {
                var dimension = _dimensions[d];
                // Only this date's own dimension, and none of the other dates', belongs to its base.
                classes[d] = dimension.IsDate && dimension.Navigation != date ? 0 : dimension.ClassOf(values[keys.IndexOf(dimension.Key)]);
            }

            var key = BaseKey.Of(classes);
            if (!rowsByKey.TryGetValue(key, out var totals))
            {
                rowsByKey[key] = totals = new Totals(_measures.Length);
            }

            totals.Add(measures);
        }

        return rowsByKey;
    }

    /// <summary>
    /// A cube's rows from a base: each dimension's class mapped to the class of the attributes the cube keeps of it
    /// (two ethnic categories of one broad group are one class of a cube that keeps the broad group only), added up.
    /// </summary>
    private List<(object?[] Values, Totals Sums)> Roll(SummaryCube cube, Dictionary<BaseKey, Totals> rows)
    {
        var columns = cube.AllPaths.Select(path =>
        {
            var (navigation, attribute) = Resolve(_set, path);
            var dimension = _dimensions.FindIndex(d => d.Navigation == navigation.Name);
            return (Dimension: dimension, Attribute: _dimensions[dimension].Attributes.IndexOf(attribute));
        }).ToList();
        var kept = _dimensions.Select((d, i) => columns.Where(c => c.Dimension == i).Select(c => c.Attribute).ToArray()).ToArray();
        var remaps = _dimensions.Select((d, i) => d.Remap(kept[i])).ToArray();
        var cubeRows = new Dictionary<BaseKey, (BaseKey Representative, Totals Sums)>();
        var classes = new int[_dimensions.Count];
        foreach (var (key, sums) in rows)
        {
            for (var d = 0; d < classes.Length; d++)
            {
                classes[d] = remaps[d][key[d]];
            }

            var cubeKey = BaseKey.Of(classes);
            if (!cubeRows.TryGetValue(cubeKey, out var row))
            {
                cubeRows[cubeKey] = row = (key, new Totals(_measures.Length));
            }

            row.Sums.Add(sums);
        }

        return [.. cubeRows.Values.Select(r => (columns.Select(c => _dimensions[c.Dimension].Value(r.Representative[c.Dimension], c.Attribute)).ToArray(), r.Sums))];
    }

    private static async Task ExecuteAsync(DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A group's sums, with which of them have seen a value: a sum over no value is null, as SQL's is.</summary>
    private sealed class Totals(int width)
    {
        private readonly long[] _sums = new long[width];
        private ulong _present;

        public int Width => width;

        public long? this[int measure] => (_present & (1UL << measure)) != 0 ? _sums[measure] : null;

        public void Add(long?[] measures)
        {
            for (var m = 0; m < measures.Length; m++)
            {
                if (measures[m] is { } value)
                {
                    _sums[m] += value;
                    _present |= 1UL << m;
                }
            }
        }

        public void Add(Totals other)
        {
            for (var m = 0; m < _sums.Length; m++)
            {
                _sums[m] += other._sums[m];
            }

            _present |= other._present;
        }
    }

    private static string ColumnType(WarehouseDatabase database, IEdmTypeReference type) => type.PrimitiveKind() switch
    {
        EdmPrimitiveTypeKind.String => "TEXT",
        EdmPrimitiveTypeKind.Boolean => database.Options.Provider == Warehouse.WarehouseProvider.PostgreSql ? "BOOLEAN" : "INTEGER",
        EdmPrimitiveTypeKind.Double => "DOUBLE PRECISION",
        _ => database.Options.Provider == Warehouse.WarehouseProvider.PostgreSql && type.PrimitiveKind() == EdmPrimitiveTypeKind.Int32 ? "INTEGER" : "BIGINT",
    };

    private static string SqlDialectQuote(string name) => SqlDialect.Quote(name);

    private static bool IsDate(IEdmEntitySet set, string[] parts) =>
        parts.Length > 1 && set.EntityType.FindProperty(parts[0]) is IEdmNavigationProperty navigation && navigation.ToEntityType().Name == "CalendarDate";

    /// <summary>A group of the base: each dimension's class (index into <see cref="Dimension"/>'s distinct attribute tuples).</summary>
    private readonly record struct BaseKey(int A, int B, int C, int D, int E, int F, int G, int H, int I, int J)
    {
        public const int Width = 10;

        public static BaseKey Of(int[] c) => new(At(c, 0), At(c, 1), At(c, 2), At(c, 3), At(c, 4), At(c, 5), At(c, 6), At(c, 7), At(c, 8), At(c, 9));

        public int this[int i] => i switch { 0 => A, 1 => B, 2 => C, 3 => D, 4 => E, 5 => F, 6 => G, 7 => H, 8 => I, _ => J };

        private static int At(int[] c, int i) => i < c.Length ? c[i] : 0;
    }

    /// <summary>
    /// A dimension the cubes keep attributes of, through a navigation (or the fact's own key column): each key is
    /// mapped to a class, one per distinct tuple of the kept attributes (a date by its month's). Class 0 is "none".
    /// </summary>
    private sealed class Dimension(string key, string navigation, bool isDate)
    {
        private readonly Dictionary<long, int> _classOf = [];
        private readonly List<object?[]> _classes = [[]];
        private readonly Dictionary<string, int> _classByText = new(StringComparer.Ordinal);

        public string Key => key;

        public string Navigation => navigation;

        public bool IsDate => isDate;

        public List<string> Attributes { get; } = [];

        public async Task ReadAsync(WarehouseDatabase database, DbConnection connection, IEdmEntitySet set, CancellationToken cancellationToken)
        {
            var target = ((IEdmNavigationProperty)set.EntityType.FindProperty(navigation)).ToEntityType();
            var principal = target.Key().Single().Name;
            var table = set.Container.EntitySets().Single(s => s.EntityType == target).Name;
            var sql = $"SELECT {SqlDialect.Quote(principal)}, {string.Join(", ", Attributes.Select(SqlDialect.Quote))} FROM {SqlDialect.Quote(table)}";
            var byKey = new Dictionary<long, object?[]>();
            await using (var rows = await database.ReadAsync(connection, new SqlStatement(sql, []), cancellationToken))
            {
                while (await rows.ReadAsync())
                {
                    byKey[rows.GetInt64(0)] = [.. Attributes.Select((_, i) => rows.IsNull(i + 1) ? null : Normalised(rows.GetValue(i + 1)))];
                }
            }

            foreach (var (dimensionKey, values) in byKey)
            {
                // A date's month-level attributes are its month's first day's.
                var source = isDate && byKey.TryGetValue(dimensionKey / 100 * 100 + 1, out var first) ? first : values;
                var text = string.Join('\u001f', source.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)));
                if (!_classByText.TryGetValue(text, out var @class))
                {
                    _classByText[text] = @class = _classes.Count;
                    _classes.Add(source);
                }

                _classOf[dimensionKey] = @class;
            }
        }

        /// <summary>The class of a fact's key; 0 for none.</summary>
        public int ClassOf(long? value) => value is { } key && _classOf.TryGetValue(key, out var @class) ? @class : 0;

        public object? Value(int @class, int attribute) => @class == 0 ? null : _classes[@class][attribute];

        /// <summary>For each class, the class of the tuple of the <paramref name="attributes"/> alone (0 stays 0; none kept: all 0).</summary>
        public int[] Remap(int[] attributes)
        {
            var remap = new int[_classes.Count];
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var c = 1; c < _classes.Count && attributes.Length > 0; c++)
            {
                var text = string.Join('\u001f', attributes.Select(a => Convert.ToString(_classes[c][a], CultureInfo.InvariantCulture) ?? "\u0000"));
                if (!seen.TryGetValue(text, out var mapped))
                {
                    seen[text] = mapped = seen.Count + 1;
                }

                remap[c] = mapped;
            }

            return remap;
        }

        private static object Normalised(object value) => value switch
        {
            int i => (long)i,
            short s => (long)s,
            _ => value,
        };
    }
}
