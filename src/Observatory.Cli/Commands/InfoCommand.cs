using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Observatory.Warehouse;
using Observatory.Warehouse.Infrastructure;
using Observatory.Warehouse.Schema;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Observatory.Cli.Commands;

public sealed class InfoCommand : AsyncCommand<WarehouseSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, WarehouseSettings settings, CancellationToken cancellationToken)
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
            return 0;
        }
        catch (WarehouseException e)
        {
            return CliErrors.Fail(e.Message);
        }
    }
}
