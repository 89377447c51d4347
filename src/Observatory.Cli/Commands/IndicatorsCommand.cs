using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Observatory.Indicators;
using Observatory.Indicators.Catalogue;
using Observatory.Warehouse;
using Observatory.Warehouse.Schema;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Observatory.Cli.Commands;

/// <summary>Recomputes every indicator value of an existing warehouse (as each load does), e.g. after the catalogue changed.</summary>
public sealed class IndicatorsCommand : AsyncCommand<IndicatorsCommand.Settings>
{
    public sealed class Settings : WarehouseSettings
    {
        [CommandOption("--json")]
        [Description("Print what was computed and how long each part took as one JSON object (for scripts and benchmarks).")]
        public bool Json { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        try
        {
            var options = settings.ToOptions();
            var inspection = await WarehouseSchema.InspectAsync(options, cancellationToken);
            if (inspection.State == WarehouseState.NeedsUpgrade)
            {
                if (!settings.Json)
                {
                    AnsiConsole.MarkupLine($"{Markup.Escape(inspection.Detail)} Upgrading.");
                }

                await WarehouseSchema.UpgradeAsync(options, cancellationToken);
            }
            else if (inspection.State != WarehouseState.Current)
            {
                return CliErrors.Fail($"{inspection.Detail} Indicators are computed on an existing Observatory warehouse.");
            }

            var clock = Stopwatch.StartNew();
            var step = new IndicatorStep();
            await step.RunAsync(options, cancellationToken);
            var run = step.LastRun!;
            if (settings.Json)
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    run.Indicators, run.Values, Seconds = clock.Elapsed.TotalSeconds,
                    QuerySeconds = run.QueryTime.TotalSeconds, ValueSeconds = run.ValueTime.TotalSeconds,
                }));
                return 0;
            }

            AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"Computed {run.Indicators} indicators, {run.Values:N0} values in {clock.Elapsed.TotalSeconds:F1} s " +
                $"(grouped queries {run.QueryTime.TotalSeconds:F1} s; statistics, disclosure control and storing {run.ValueTime.TotalSeconds:F1} s)."));
            return 0;
        }
        catch (Exception e) when (e is WarehouseException or CatalogueException)
        {
            return CliErrors.Fail(e.Message);
        }
    }
}
