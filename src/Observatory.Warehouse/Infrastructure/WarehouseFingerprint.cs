using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Observatory.Warehouse.Model;
using Observatory.Warehouse.Model.Dimensions;
using Observatory.Warehouse.Providers;

namespace Observatory.Warehouse.Infrastructure;

/// <summary>
/// What a warehouse holds, table by table, in a form that two warehouses can be compared by: each dimension and
/// fact table's row count and the SHA-256 of its canonical text. The summaries and indicator values computed from
/// the facts, and the load's own record (its times and version change at every load), are left out.
/// <para>
/// The canonical text of a table is its rows in primary-key order, each row its values in the ordinal order of
/// the column names, separated by tabs and ended by a line feed, in UTF-8. Integers and flags are written in
/// invariant decimal (a flag as 0 or 1), doubles in .NET's shortest round-trip form ("R", invariant culture: 35, 0.1),
/// dates as yyyy-MM-dd, text as it is with backslash, tab, line feed and carriage return escaped as \\, \t,
/// \n and \r, and null as \N (as PostgreSQL's COPY text format writes them). The same rows therefore give the
/// same fingerprint whether they are kept by SQLite or by PostgreSQL.
/// </para>
/// </summary>
public sealed class WarehouseFingerprint
{
    private const int FlushChars = 64 * 1024;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        // The file is read by people as well: apostrophes as they are, not as \u0027.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public WarehouseFingerprint(int? seed, double? scale, IEnumerable<TableFingerprint> tables)
    {
        Seed = seed;
        Scale = scale;
        Tables = tables.OrderBy(t => t.Table, StringComparer.Ordinal).ToList();
    }

    /// <summary>The random seed of the load the warehouse came from, when it was generated.</summary>
    public int? Seed { get; }

    /// <summary>The scale of the load the warehouse came from, when it was generated.</summary>
    public double? Scale { get; }

    /// <summary>Every dimension and fact table, by name.</summary>
    public IReadOnlyList<TableFingerprint> Tables { get; }

    /// <summary>Reads every dimension and fact table of the warehouse, streaming its rows.</summary>
    /// <exception cref="WarehouseUnavailableException">There is no warehouse, or it cannot be read.</exception>
    public static async Task<WarehouseFingerprint> ComputeAsync(WarehouseOptions options, CancellationToken cancellationToken = default)
    {
        await using var context = WarehouseContextFactory.Create(options);
        var database = WarehouseDatabase.For(options);
        await using var connection = await database.OpenForReadingAsync(cancellationToken);

        var (seed, scale) = await ReadLoadAsync(database, connection, context.Model.FindEntityType(typeof(WarehouseLoad))!, cancellationToken);
        var tables = new List<TableFingerprint>();
        foreach (var entity in context.Model.GetEntityTypes().Where(IsDimensionOrFact))
        {
            tables.Add(await ReadTableAsync(database, connection, entity, cancellationToken));
        }

        return new WarehouseFingerprint(seed, scale, tables);
    }

    /// <summary>
    /// How this warehouse differs from <paramref name="expected"/>, one line per table whose row count or hash
    /// differs or that only one of them has; empty when they are the same.
    /// </summary>
    public IReadOnlyList<string> DifferencesFrom(WarehouseFingerprint expected)
    {
        var actual = Tables.ToDictionary(t => t.Table);
        var wanted = expected.Tables.ToDictionary(t => t.Table);
        var differences = new List<string>();
        foreach (var table in actual.Keys.Union(wanted.Keys).Order(StringComparer.Ordinal))
        {
            var has = actual.GetValueOrDefault(table);
            var should = wanted.GetValueOrDefault(table);
            var difference = (has, should) switch
            {
                (null, _) => "missing here",
                (_, null) => "not in the expected fingerprint",
                _ when has.Rows != should.Rows => string.Create(CultureInfo.InvariantCulture, $"{has.Rows:N0} rows, expected {should.Rows:N0}"),
                _ when has.Sha256 != should.Sha256 => string.Create(CultureInfo.InvariantCulture, $"same {has.Rows:N0} rows, different values"),
                _ => null,
            };
            if (difference is not null)
            {
                differences.Add($"{table}: {difference}");
            }
        }

        return differences;
    }

    public string ToJson(string about) => JsonSerializer.Serialize(new FingerprintFile(
        about, Seed, Scale, Tables.ToDictionary(t => t.Table, t => new TableEntry(t.Rows, t.Sha256))), Json) + "\n";

    public static WarehouseFingerprint FromJson(string json)
    {
        var file = JsonSerializer.Deserialize<FingerprintFile>(json, Json)
                   ?? throw new WarehouseException("The fingerprint file is empty.");
        return new WarehouseFingerprint(file.Seed, file.Scale, file.Tables.Select(t => new TableFingerprint(t.Key, t.Value.Rows, t.Value.Sha256)));
    }

    private static bool IsDimensionOrFact(IEntityType entity) =>
        WarehouseTables.Facts.Contains(entity.ClrType) || entity.ClrType.Namespace == typeof(CalendarDate).Namespace;

    private static async Task<(int? Seed, double? Scale)> ReadLoadAsync(
        WarehouseDatabase database, System.Data.Common.DbConnection connection, IEntityType load, CancellationToken cancellationToken)
    {
        string Column(string property) => SqlDialect.Quote(load.FindProperty(property)!.GetColumnName());
        var sql = $"SELECT {Column(nameof(WarehouseLoad.RandomSeed))}, {Column(nameof(WarehouseLoad.Scale))} " +
                  $"FROM {SqlDialect.Quote(load.GetTableName()!)} ORDER BY {Column(nameof(WarehouseLoad.LoadId))} DESC LIMIT 1";
        await using var rows = await database.ReadAsync(connection, new SqlStatement(sql, []), cancellationToken);
        return await rows.ReadAsync()
            ? (rows.IsNull(0) ? null : (int)rows.GetInt64(0), rows.IsNull(1) ? null : rows.GetDouble(1))
            : (null, null);
    }

    private static async Task<TableFingerprint> ReadTableAsync(
        WarehouseDatabase database, System.Data.Common.DbConnection connection, IEntityType entity, CancellationToken cancellationToken)
    {
        var table = entity.GetTableName()!;
        var columns = entity.GetProperties().OrderBy(p => p.GetColumnName(), StringComparer.Ordinal).ToList();
        var kinds = columns.Select(KindOf).ToArray();
        var key = entity.FindPrimaryKey()!.Properties.Select(p => SqlDialect.Quote(p.GetColumnName()));
        var sql = $"SELECT {string.Join(", ", columns.Select(p => SqlDialect.Quote(p.GetColumnName())))} " +
                  $"FROM {SqlDialect.Quote(table)} ORDER BY {string.Join(", ", key)}";

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var text = new StringBuilder(FlushChars + 4096);
        var count = 0L;
        await using var rows = await database.ReadAsync(connection, new SqlStatement(sql, []), cancellationToken);
        while (await rows.ReadAsync())
        {
            count++;
            for (var i = 0; i < kinds.Length; i++)
            {
                if (i > 0)
                {
                    text.Append('\t');
                }

                Append(text, rows, i, kinds[i]);
            }

            text.Append('\n');
            if (text.Length >= FlushChars)
            {
                hash.AppendData(Encoding.UTF8.GetBytes(text.ToString()));
                text.Clear();
            }
        }

        hash.AppendData(Encoding.UTF8.GetBytes(text.ToString()));
        return new TableFingerprint(table, count, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static void Append(StringBuilder text, IRowReader rows, int column, ValueKind kind)
    {
        if (rows.IsNull(column))
        {
            text.Append("\\N");
            return;
        }

        switch (kind)
        {
            case ValueKind.Integer:
                text.Append(CultureInfo.InvariantCulture, $"{rows.GetInt64(column)}");
                break;
            case ValueKind.Double:
                text.Append(CultureInfo.InvariantCulture, $"{rows.GetDouble(column):R}");
                break;
            case ValueKind.Date:
                text.Append(CultureInfo.InvariantCulture, $"{AsDate(rows.GetValue(column)):yyyy-MM-dd}");
                break;
            default:
                AppendEscaped(text, rows.GetString(column));
                break;
        }
    }

    private static void AppendEscaped(StringBuilder text, string value)
    {
        foreach (var c in value)
        {
            var escaped = c switch
            {
                '\\' => "\\\\",
                '\t' => "\\t",
                '\n' => "\\n",
                '\r' => "\\r",
                _ => null,
            };
            if (escaped is null)
            {
                text.Append(c);
            }
            else
            {
                text.Append(escaped);
            }
        }
    }

    // SQLite keeps a date as text; Npgsql reads PostgreSQL's date as a DateTime unless asked otherwise.
    private static DateOnly AsDate(object value) => value switch
    {
        DateOnly date => date,
        DateTime dateTime => DateOnly.FromDateTime(dateTime),
        string text => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => throw new WarehouseException($"A date column read back as {value.GetType().Name}."),
    };

    private static ValueKind KindOf(IProperty property)
    {
        var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
        return type switch
        {
            _ when type == typeof(long) || type == typeof(int) || type == typeof(short) || type == typeof(bool) => ValueKind.Integer,
            _ when type == typeof(double) => ValueKind.Double,
            _ when type == typeof(DateOnly) => ValueKind.Date,
            _ when type == typeof(string) => ValueKind.Text,
            _ => throw new WarehouseException(
                $"{property.DeclaringType.DisplayName()}.{property.Name} is a {type.Name}, which the fingerprint has no canonical form for."),
        };
    }

    private enum ValueKind
    {
        Integer,
        Double,
        Date,
        Text,
    }

    private sealed record TableEntry(long Rows, string Sha256);

    private sealed record FingerprintFile(string About, int? Seed, double? Scale, Dictionary<string, TableEntry> Tables);
}

/// <summary>One table's row count and the SHA-256 (lowercase hex) of its canonical text.</summary>
public sealed record TableFingerprint(string Table, long Rows, string Sha256);
