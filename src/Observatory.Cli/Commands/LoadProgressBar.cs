using Observatory.Warehouse.Loading;
using Spectre.Console;

namespace Observatory.Cli.Commands;

/// <summary>Shows a load's progress: one bar per large table against the source's estimate, and the current stage.</summary>
internal static class LoadProgressBar
{
    public static async Task<LoadSummary> RunAsync(WarehouseLoader loader, IWarehouseSource source, bool replace, CancellationToken cancellationToken)
    {
        var estimates = source.EstimateRows();
        LoadSummary? summary = null;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                var stage = progress.AddTask("Starting", maxValue: 1);
                var tables = estimates.ToDictionary(e => e.Key, e => progress.AddTask(e.Key, maxValue: Math.Max(1, e.Value)));
                var load = loader.LoadAsync(source, replace, cancellationToken);
                while (!load.IsCompleted)
                {
                    stage.Description = loader.Progress.Stage;
                    foreach (var (name, task) in tables)
                    {
                        var written = loader.Progress.RowsWritten.GetValueOrDefault(name);
                        task.MaxValue = Math.Max(task.MaxValue, written);
                        task.Value = written;
                    }

                    await Task.WhenAny(load, Task.Delay(150, CancellationToken.None));
                }

                summary = await load;
                stage.Description = "Done";
                stage.Value = 1;
                foreach (var task in tables.Values)
                {
                    task.MaxValue = task.Value;
                }
            });
        return summary!;
    }
}
