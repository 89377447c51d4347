using System.ComponentModel;
using Microsoft.Extensions.Configuration;
using Observatory.Warehouse;
using Spectre.Console.Cli;

namespace Observatory.Cli.Commands;

/// <summary>
/// Where the warehouse is: read as the host reads it (<see cref="WarehouseConfiguration"/>) from appsettings.json beside
/// the command and the environment, with these options, when given, taking precedence.
/// </summary>
public class WarehouseSettings : CommandSettings
{
    [CommandOption("-p|--provider <PROVIDER>")]
    [Description("Sqlite (default) or PostgreSql. Configuration: Warehouse:Provider (environment Warehouse__Provider).")]
    public string? Provider { get; init; }

    [CommandOption("-c|--connection <CONNECTION>")]
    [Description("Connection string. Default for SQLite: ~/.local/share/observatory/observatory.db. Configuration: ConnectionStrings:Warehouse (environment ConnectionStrings__Warehouse).")]
    public string? Connection { get; init; }

    [CommandOption("--schema <SCHEMA>")]
    [Description("PostgreSQL schema holding the warehouse (default observatory). Configuration: Warehouse:Schema (environment Warehouse__Schema).")]
    public string? Schema { get; init; }

    public WarehouseOptions ToOptions() => WarehouseConfiguration.Read(Configuration());

    /// <summary>appsettings.json, then the environment, then these options.</summary>
    protected IConfiguration Configuration() => new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{WarehouseConfiguration.Section}:Provider"] = Provider,
            [$"ConnectionStrings:{WarehouseConfiguration.Section}"] = Connection,
            [$"{WarehouseConfiguration.Section}:Schema"] = Schema,
        }.Where(setting => setting.Value is not null))
        .Build();
}
