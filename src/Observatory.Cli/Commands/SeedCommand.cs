using Observatory.Indicators;
using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Observatory.Synthetic;
using Observatory.Warehouse;
using Observatory.Warehouse.Loading;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Observatory.Cli.Commands;

public sealed class SeedCommand : AsyncCommand<SeedCommand.Settings>
{
    public sealed class Settings : WarehouseSettings
    {
        [CommandOption("--scale <SCALE>")]
        [Description("Size relative to the demo warehouse (1, about 100,000 referrals over five years). 10 gives about a million.")]
        [DefaultValue(SyntheticWarehouse.DemoScale)]
        public double Scale { get; init; } = SyntheticWarehouse.DemoScale;

        [CommandOption("--seed <SEED>")]
        [Description("Random seed: the same seed and scale always give the same warehouse.")]
        [DefaultValue(SyntheticWarehouse.DemoSeed)]
        public int Seed { get; init; } = SyntheticWarehouse.DemoSeed;

        [CommandOption("--replace")]
        [Description("Replace an existing warehouse at the location (the old one stays until the new one is complete).")]
        public bool Replace { get; init; }

        [CommandOption("--json")]
        [Description("Print the summary as JSON (for scripts and the benchmark harness) instead of a table.")]
        public bool Json { get; init; }

        public override ValidationResult Validate() =>
            Scale is > 0 and <= SyntheticWarehouse.MaxScale
                ? ValidationResult.Success()
                : ValidationResult.Error($"--scale must be greater than 0 and at most {SyntheticWarehouse.MaxScale}.");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        try
        {
            var options = settings.ToOptions();
            var source = new SyntheticWarehouse(settings.Seed, settings.Scale);
            var loader = new WarehouseLoader(options, LoadSteps.Default());
            // An early answer before the progress bar appears; the load checks again once it holds the location.
            await loader.CheckTargetAsync(settings.Replace, cancellationToken);
            if (!settings.Json)
            {
                AnsiConsole.MarkupLine($"Seeding a [bold]synthetic[/] warehouse (seed {settings.Seed}, scale {settings.Scale.ToString(CultureInfo.InvariantCulture)}) into {Markup.Escape(options.Describe())}");
            }

            var summary = settings.Json
                ? await loader.LoadAsync(source, settings.Replace, cancellationToken)
                : await LoadProgressBar.RunAsync(loader, source, settings.Replace, cancellationToken);
            Report(summary, settings.Json);
            return 0;
        }
        catch (WarehouseException e)
        {
            return CliErrors.Fail(e.Message);
        }
        catch (OperationCanceledException)
        {
            return CliErrors.Fail("Seeding was cancelled; the previous warehouse, if any, is unchanged.");
        }
    }

    private static void Report(LoadSummary summary, bool json)
    {
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                summary.RowsByTable,
                summary.FactRows,
                WriteSeconds = summary.WriteTime.TotalSeconds,
                IndexSeconds = summary.IndexTime.TotalSeconds,
                StepSeconds = summary.StepTime.TotalSeconds,
                TotalSeconds = summary.TotalTime.TotalSeconds,
                summary.FactRowsPerSecond,
                PeakWorkingSetMegabytes = summary.PeakWorkingSetBytes / 1024.0 / 1024.0,
            }));
            return;
        }

        var table = new Table().AddColumn("Table").AddColumn(new TableColumn("Rows").RightAligned());
        foreach (var (name, rows) in summary.RowsByTable.OrderByDescending(r => r.Value))
        {
            table.AddRow(name, rows.ToString("N0", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"[green]Done[/]: {summary.FactRows:N0} fact rows in {summary.TotalTime.TotalSeconds:F1} s " +
            $"({summary.FactRowsPerSecond:N0} rows/s loaded; indexes {summary.IndexTime.TotalSeconds:F1} s; summary cubes and indicators {summary.StepTime.TotalSeconds:F1} s), peak memory {summary.PeakWorkingSetBytes / 1024 / 1024:N0} MB."));
    }
}
