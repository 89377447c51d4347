using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Observatory.Warehouse.Infrastructure;

namespace Observatory.Warehouse.Schema;

/// <summary>
/// Schema creation and upgrade go through the provider's EF Core migrations. Before anything is changed the
/// location is inspected: an existing warehouse is never dropped, and one built by a later version of
/// Observatory (a migration this build does not know) or by something else is refused with a clear message.
/// </summary>
public static class WarehouseSchema
{
    public static async Task<WarehouseInspection> InspectAsync(WarehouseOptions options, CancellationToken cancellationToken = default)
    {
        if (options.Provider == WarehouseProvider.Sqlite && !File.Exists(options.SqliteFilePath))
        {
            return new(WarehouseState.Missing, $"No warehouse at {options.Describe()}.", []);
        }

        await using var context = WarehouseContextFactory.Create(options);
        await EnsureReachableAsync(context, options, cancellationToken);

        var tables = await ListTablesAsync(context, options, cancellationToken);
        var known = context.Database.GetMigrations().ToList();
        if (tables.Count == 0)
        {
            return new(WarehouseState.Missing, $"No warehouse at {options.Describe()}.", known);
        }

        if (!tables.Contains("__EFMigrationsHistory"))
        {
            return new(WarehouseState.Incompatible,
                $"{options.Describe()} holds tables that Observatory did not create ({string.Join(", ", tables.Take(5))}). " +
                "Point Observatory at an empty location or a warehouse it built.", []);
        }

        var applied = (await context.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
        var unknown = applied.Except(known).ToList();
        if (unknown.Count > 0)
        {
            return new(WarehouseState.Incompatible,
                $"The warehouse at {options.Describe()} was built by a later version of Observatory " +
                $"(schema migration {unknown[^1]} is unknown to this version). Upgrade Observatory, or seed a new warehouse elsewhere.", []);
        }

        var pending = known.Except(applied).ToList();
        return pending.Count > 0
            ? new(WarehouseState.NeedsUpgrade, $"The warehouse at {options.Describe()} needs {pending.Count} schema upgrade(s): {string.Join(", ", pending)}.", pending)
            : new(WarehouseState.Current, $"Warehouse at {options.Describe()} is current.", []);
    }

    /// <summary>Applies pending migrations to a warehouse this version understands; refuses anything else.</summary>
    public static async Task UpgradeAsync(WarehouseOptions options, CancellationToken cancellationToken = default)
    {
        var inspection = await InspectAsync(options, cancellationToken);
        switch (inspection.State)
        {
            case WarehouseState.Incompatible:
            case WarehouseState.Missing:
                throw new WarehouseException(inspection.Detail);
            case WarehouseState.NeedsUpgrade:
                await using (var context = WarehouseContextFactory.Create(options))
                {
                    await context.Database.MigrateAsync(cancellationToken);
                    if (inspection.PendingMigrations.Any(m => m.EndsWith("_AddRecordKeys", StringComparison.Ordinal)))
                    {
                        await FillRecordKeysAsync(context, cancellationToken);
                    }
                }

                break;
        }
    }

    /// <summary>
    /// Gives the rows of a warehouse loaded before record keys existed the keys its load would give them now: from
    /// its seed when it is synthetic (<see cref="RecordKeys"/>), computed by the database itself.
    /// </summary>
    private static async Task FillRecordKeysAsync(WarehouseContext context, CancellationToken cancellationToken)
    {
        var load = await context.Set<Model.WarehouseLoad>().OrderByDescending(l => l.LoadId).FirstOrDefaultAsync(cancellationToken) ?? new Model.WarehouseLoad();
        var keys = RecordKeys.For(load);
        foreach (var facts in context.Model.GetEntityTypes().Where(e => typeof(Model.IKeyedRecord).IsAssignableFrom(e.ClrType)))
        {
            var id = facts.FindPrimaryKey()!.Properties[0].GetColumnName();
            var person = typeof(Model.IPersonRecord).IsAssignableFrom(facts.ClrType)
                ? $", \"{nameof(Model.IPersonRecord.PersonRecordKey)}\" = {keys.Sql("\"PersonId\"", person: true)}"
                : "";
            // Every name comes from the model and every number from the keys: nothing here is the caller's text.
            var sql = $"UPDATE \"{facts.GetTableName()}\" SET \"{nameof(Model.IKeyedRecord.RecordKey)}\" = {keys.Sql($"\"{id}\"", person: false)}{person}";
            await context.Database.ExecuteSqlRawAsync(sql, cancellationToken);
        }
    }

    /// <summary>Turns a failure to connect into a message that names the location and the cause.</summary>
    public static async Task EnsureReachableAsync(WarehouseContext context, WarehouseOptions options, CancellationToken cancellationToken)
    {
        try
        {
            await context.Database.OpenConnectionAsync(cancellationToken);
            await context.Database.CloseConnectionAsync();
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw new WarehouseException($"Cannot reach the warehouse at {options.Describe()}: {Innermost(e).Message}", e);
        }
    }

    private static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);

    private static async Task<List<string>> ListTablesAsync(WarehouseContext context, WarehouseOptions options, CancellationToken cancellationToken)
    {
        var connection = context.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            if (options.Provider == WarehouseProvider.Sqlite)
            {
                command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
            }
            else
            {
                command.CommandText = "SELECT table_name FROM information_schema.tables WHERE table_schema = @schema ORDER BY table_name";
                command.Parameters.Add(new NpgsqlParameter("schema", options.Schema));
            }

            var tables = new List<string>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                tables.Add(reader.GetString(0));
            }

            return tables;
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 26)
        {
            throw new WarehouseException($"{options.Describe()} is not a SQLite database.", e);
        }
        finally
        {
            await connection.CloseAsync();
        }
    }
}
