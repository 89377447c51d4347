using System.ComponentModel;
using Observatory.Warehouse;
using Spectre.Console.Cli;

namespace Observatory.Cli.Commands;

/// <summary>Where the warehouse is: options, else the same environment variables the host reads.</summary>
public class WarehouseSettings : CommandSettings
{
    [CommandOption("-p|--provider <PROVIDER>")]
    [Description("Sqlite (default) or PostgreSql. Environment: Warehouse__Provider.")]
    public string? Provider { get; init; }

    [CommandOption("-c|--connection <CONNECTION>")]
    [Description("Connection string. Default for SQLite: ~/.local/share/observatory/observatory.db. Environment: ConnectionStrings__Warehouse.")]
    public string? Connection { get; init; }

    [CommandOption("--schema <SCHEMA>")]
    [Description("PostgreSQL schema holding the warehouse (default observatory). Environment: Warehouse__Schema.")]
    public string? Schema { get; init; }

    public WarehouseOptions ToOptions() => WarehouseOptions.Create(
        Provider ?? Environment.GetEnvironmentVariable("Warehouse__Provider"),
        Connection ?? Environment.GetEnvironmentVariable("ConnectionStrings__Warehouse"),
        Schema ?? Environment.GetEnvironmentVariable("Warehouse__Schema"));
}
