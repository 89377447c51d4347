using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Observatory.Warehouse;
using Observatory.Warehouse.Infrastructure;

namespace Observatory.Tests.Support;

/// <summary>Plain SQL against a test warehouse, for checks that must not depend on the code under test.</summary>
public static class WarehouseQueries
{
    public static async Task<double> ScalarAsync(WarehouseOptions options, string sql)
    {
        await using var context = WarehouseContextFactory.Create(options);
        var connection = context.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? double.NaN : Convert.ToDouble(value, CultureInfo.InvariantCulture);
    }

    public static async Task<List<object?[]>> RowsAsync(WarehouseOptions options, string sql)
    {
        await using var context = WarehouseContextFactory.Create(options);
        var connection = context.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            reader.GetValues(row!);
            rows.Add(row.Select(v => v is DBNull ? null : v).ToArray());
        }

        return rows;
    }

    /// <summary>
    /// SHA-256 over every row of every table in key order (load timestamps excepted): equal fingerprints mean
    /// equal warehouses, value for value.
    /// </summary>
    public static async Task<string> FingerprintAsync(WarehouseOptions options)
    {
        await using var context = WarehouseContextFactory.Create(options);
        var connection = context.Database.GetDbConnection();
        await connection.OpenAsync();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var entity in context.Model.GetEntityTypes().OrderBy(e => e.GetTableName(), StringComparer.Ordinal))
        {
            var key = entity.FindPrimaryKey()!.Properties[0].GetColumnName();
            var columns = entity.GetProperties()
                .Where(p => p.Name is not ("StartedUtc" or "CompletedUtc"))
                .Select(p => $"\"{p.GetColumnName()}\"");
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {string.Join(", ", columns)} FROM \"{entity.GetTableName()}\" ORDER BY \"{key}\"";
            await using var reader = await command.ExecuteReaderAsync();
            hash.AppendData(Encoding.UTF8.GetBytes(entity.GetTableName()!));
            while (await reader.ReadAsync())
            {
                AppendRow(hash, reader);
            }
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private static void AppendRow(IncrementalHash hash, DbDataReader reader)
    {
        var text = new StringBuilder();
        for (var i = 0; i < reader.FieldCount; i++)
        {
            text.Append(Canonical(reader.IsDBNull(i) ? null : reader.GetValue(i))).Append('|');
        }

        hash.AppendData(Encoding.UTF8.GetBytes(text.Append('\n').ToString()));
    }

    // The same value reads back as different CLR types from SQLite and PostgreSQL; compare them as text.
    private static string Canonical(object? value) => value switch
    {
        null => "\u2400",
        bool b => b ? "1" : "0",
        DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
