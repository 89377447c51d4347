using System.ComponentModel;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Observatory.Synthetic;
using Observatory.Warehouse;
using Observatory.Warehouse.Infrastructure;
using Observatory.Warehouse.Schema;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Observatory.Cli.Commands;

public sealed class InfoCommand : AsyncCommand<InfoCommand.Settings>
{
    private const string FingerprintAbout =
        "Per-table fingerprint of a warehouse: each dimension and fact table's row count and the SHA-256 of its rows' " +
        "canonical text (src/Observatory.Warehouse/Infrastructure/WarehouseFingerprint.cs). Written by 'observatory info --write-fingerprint'.";

    public sealed class Settings : WarehouseSettings
    {
        [CommandOption("--fingerprint")]
        [Description("Also print each dimension and fact table's fingerprint (rows and SHA-256 of its values) and, for the demo seed and scale, whether it matches the pinned one (seed/fingerprints/demo.json).")]
        public bool Fingerprint { get; init; }

        [CommandOption("--write-fingerprint <FILE>")]
        [Description("Write the fingerprint as JSON to FILE, in the form of seed/fingerprints/demo.json (to re-pin the demo after a deliberate change to the generated data).")]
        public string? WriteFingerprint { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        try
        {
            var options = settings.ToOptions();
            var inspection = await WarehouseSchema.InspectAsync(options, cancellationToken);
            AnsiConsole.MarkupLine($"[bold]{inspection.State}[/]: {Markup.Escape(inspection.Detail)}");
            if (inspection.State != WarehouseState.Current)
            {
                // Only a current warehouse is read: an older one needs its upgrade first, a foreign one is not ours.
                return inspection.State == WarehouseState.Incompatible ? 1 : 0;
            }

            await using var warehouse = WarehouseContextFactory.Create(options);
            var load = await warehouse.WarehouseLoads.OrderByDescending(l => l.LoadId).FirstOrDefaultAsync(cancellationToken);
            if (load is not null)
            {
                AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                    $"Last load: {Markup.Escape(load.Source)}, seed {load.RandomSeed}, scale {load.Scale}, completed {load.CompletedUtc:u}, {load.FactRows:N0} fact rows, version {Markup.Escape(load.ObservatoryVersion)}."));
            }

            var table = new Table().AddColumn("Table").AddColumn("Kind").AddColumn(new TableColumn("Rows").RightAligned());
            foreach (var (name, kind, rows) in await WarehouseStatistics.CountRowsAsync(warehouse, cancellationToken))
            {
                table.AddRow(name, kind, rows.ToString("N0", CultureInfo.InvariantCulture));
            }

            AnsiConsole.Write(table);
            if (settings.Fingerprint || settings.WriteFingerprint is not null)
            {
                await FingerprintAsync(options, settings, cancellationToken);
            }

            return 0;
        }
        catch (WarehouseException e)
        {
            return CliErrors.Fail(e.Message);
        }
    }

    private static async Task FingerprintAsync(WarehouseOptions options, Settings settings, CancellationToken cancellationToken)
    {
        var fingerprint = await WarehouseFingerprint.ComputeAsync(options, cancellationToken);
        if (settings.WriteFingerprint is { } path)
        {
            await File.WriteAllTextAsync(path, fingerprint.ToJson(FingerprintAbout), cancellationToken);
            AnsiConsole.MarkupLine($"Fingerprint written to {Markup.Escape(path)}.");
        }

        if (!settings.Fingerprint)
        {
            return;
        }

        // Plain lines, never wrapped, so that a hash can be compared or copied whole.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"Table",-24} {"Rows",12} SHA-256"));
        foreach (var each in fingerprint.Tables)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{each.Table,-24} {each.Rows,12:N0} {each.Sha256}"));
        }

        if (fingerprint.Seed == SyntheticWarehouse.DemoSeed && fingerprint.Scale == SyntheticWarehouse.DemoScale)
        {
            var pinned = Path.Combine("seed", SyntheticWarehouse.DemoFingerprintFile);
            var differences = fingerprint.DifferencesFrom(SyntheticWarehouse.DemoFingerprint());
            AnsiConsole.MarkupLine(differences.Count == 0
                ? $"[green]The demo warehouse matches its pinned fingerprint[/] ({pinned})."
                : $"[yellow]The demo warehouse differs from its pinned fingerprint[/] ({pinned}) in {Markup.Escape(string.Join("; ", differences))}.");
        }
    }
}
