using Microsoft.Data.Sqlite;
using Npgsql;

namespace Observatory.Warehouse;

/// <summary>
/// Where the warehouse lives: configuration keys <c>Warehouse:Provider</c> (Sqlite | PostgreSql),
/// <c>ConnectionStrings:Warehouse</c> and, for PostgreSQL, <c>Warehouse:Schema</c>.
/// </summary>
public sealed record WarehouseOptions
{
    public const string DefaultSchema = "observatory";

    /// <summary>
    /// Without a connection string the SQLite warehouse lives in the user's data folder
    /// (~/.local/share/observatory on Linux), so the host and the command line find the same file
    /// wherever they are started from.
    /// </summary>
    public static string DefaultSqliteConnectionString =>
        $"Data Source={Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "observatory", "observatory.db")}";

    public WarehouseProvider Provider { get; init; } = WarehouseProvider.Sqlite;

    public string ConnectionString { get; init; } = DefaultSqliteConnectionString;

    /// <summary>PostgreSQL schema that holds the warehouse. A load builds a sibling schema and swaps it in.</summary>
    public string Schema { get; init; } = DefaultSchema;

    /// <summary>Full path of the SQLite file (SQLite only).</summary>
    public string SqliteFilePath
    {
        get
        {
            var dataSource = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
            if (string.IsNullOrWhiteSpace(dataSource) || dataSource == ":memory:")
            {
                throw new WarehouseException("The SQLite connection string must name a file (Data Source=path/to/observatory.db).");
            }

            return Path.GetFullPath(dataSource);
        }
    }

    /// <summary>A human-readable location for messages; never includes a password.</summary>
    public string Describe() => Provider switch
    {
        WarehouseProvider.Sqlite => $"SQLite file {SqliteFilePath}",
        _ => DescribePostgreSql(),
    };

    private string DescribePostgreSql()
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL database '{builder.Database}' on {builder.Host}:{builder.Port}, schema '{Schema}'";
    }

    /// <summary>Reads and validates the options; bad values give a <see cref="WarehouseException"/> that says what to fix.</summary>
    public static WarehouseOptions Create(string? provider, string? connectionString, string? schema = null)
    {
        var parsed = ParseProvider(provider);
        var options = new WarehouseOptions
        {
            Provider = parsed,
            ConnectionString = string.IsNullOrWhiteSpace(connectionString)
                ? parsed == WarehouseProvider.Sqlite
                    ? DefaultSqliteConnectionString
                    : throw new WarehouseException("PostgreSQL needs a connection string (ConnectionStrings:Warehouse or --connection), e.g. \"Host=127.0.0.1;Database=observatory;Username=observatory;Password=...\".")
                : connectionString,
            Schema = string.IsNullOrWhiteSpace(schema) ? DefaultSchema : schema,
        };
        options.Validate();
        return options;
    }

    private static WarehouseProvider ParseProvider(string? provider)
    {
        if (string.IsNullOrWhiteSpace(provider))
        {
            return WarehouseProvider.Sqlite;
        }

        return Enum.TryParse<WarehouseProvider>(provider, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new WarehouseException($"Unknown warehouse provider '{provider}'. Use Sqlite or PostgreSql.");
    }

    private void Validate()
    {
        try
        {
            if (Provider == WarehouseProvider.Sqlite)
            {
                if (Directory.Exists(SqliteFilePath))
                {
                    throw new WarehouseException($"{SqliteFilePath} is a folder: the SQLite connection string must name a file inside it, e.g. Data Source={Path.Combine(SqliteFilePath, "observatory.db")}.");
                }
            }
            else
            {
                _ = new NpgsqlConnectionStringBuilder(ConnectionString);
            }
        }
        catch (ArgumentException e)
        {
            throw new WarehouseException($"The {Provider} connection string is not valid: {e.Message}");
        }

        if (!System.Text.RegularExpressions.Regex.IsMatch(Schema, @"\A[a-z_][a-z0-9_]{0,40}\z"))
        {
            throw new WarehouseException($"Schema name '{Schema}' is not valid: use lower-case letters, digits and underscores.");
        }

        // A load renames and drops the warehouse schema and its '_loading' and '_retired' siblings: never a system schema.
        if (Schema is "public" or "information_schema" || Schema.StartsWith("pg_", StringComparison.Ordinal) ||
            Schema.EndsWith("_loading", StringComparison.Ordinal) || Schema.EndsWith("_retired", StringComparison.Ordinal))
        {
            throw new WarehouseException($"Schema name '{Schema}' is reserved: choose a schema of Observatory's own, such as 'observatory'.");
        }
    }
}
