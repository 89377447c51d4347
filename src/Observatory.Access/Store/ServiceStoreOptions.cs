using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Observatory.Warehouse;

namespace Observatory.Access.Store;

/// <summary>
/// Where the service store lives. By default beside the warehouse: on SQLite the file <c>{warehouse}-service.db</c>
/// in the warehouse's folder, on PostgreSQL the schema <c>observatory_service</c> of the warehouse's database.
/// Configuration: <c>ConnectionStrings:Service</c> and <c>Service:Schema</c> override them.
/// </summary>
public sealed record ServiceStoreOptions(WarehouseProvider Provider, string ConnectionString, string Schema)
{
    public const string Section = "Service";
    public const string DefaultSchema = "observatory_service";

    public static ServiceStoreOptions Read(IConfiguration configuration, WarehouseOptions warehouse)
    {
        var connection = configuration.GetConnectionString(Section);
        var schema = configuration[$"{Section}:Schema"];
        return For(warehouse, connection, schema);
    }

    public static ServiceStoreOptions For(WarehouseOptions warehouse, string? connectionString = null, string? schema = null)
    {
        schema = string.IsNullOrWhiteSpace(schema) ? DefaultSchema : schema;
        if (!System.Text.RegularExpressions.Regex.IsMatch(schema, @"\A[a-z_][a-z0-9_]{0,40}\z") || schema == warehouse.Schema)
        {
            throw new AccessException($"Service:Schema '{schema}' is not valid: use lower-case letters, digits and underscores, and a schema apart from the warehouse's.");
        }

        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return new(warehouse.Provider, connectionString, schema);
        }

        if (warehouse.Provider == WarehouseProvider.PostgreSql)
        {
            return new(warehouse.Provider, warehouse.ConnectionString, schema);
        }

        var file = warehouse.SqliteFilePath;
        var beside = Path.Combine(Path.GetDirectoryName(file)!, Path.GetFileNameWithoutExtension(file) + "-service.db");
        return new(warehouse.Provider, new SqliteConnectionStringBuilder { DataSource = beside }.ToString(), schema);
    }

    /// <summary>A human-readable location for messages; never includes a password.</summary>
    public string Describe() => Provider == WarehouseProvider.Sqlite
        ? $"SQLite file {Path.GetFullPath(new SqliteConnectionStringBuilder(ConnectionString).DataSource)}"
        : $"PostgreSQL database '{new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString).Database}', schema '{Schema}'";
}
