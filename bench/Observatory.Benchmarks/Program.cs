using System.Globalization;
using Observatory.Benchmarks;
using Spectre.Console;
using Spectre.Console.Cli;

// Everything runs in Release against real files and a real server, one measurement after another on this
// machine, and every figure is printed beside the figure it is compared with.
var app = new CommandApp<BenchmarkCommand>();
app.Configure(config =>
{
    config.SetApplicationName("Observatory.Benchmarks");
    config.UseStrictParsing();
    config.SetExceptionHandler((exception, _) =>
    {
        AnsiConsole.MarkupLine($"[red]Benchmark failed:[/] {Markup.Escape(exception.Message)}");
        return 1;
    });
});
return await app.RunAsync(args);

internal sealed class BenchmarkCommand : AsyncCommand<BenchmarkSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(settings.WorkDirectory);
        await RunAsync(settings);
        return 0;
    }

    private static async Task RunAsync(BenchmarkSettings settings)
    {
        AnsiConsole.MarkupLine($"[bold]Observatory benchmarks[/]: scale {settings.Scale.ToString(CultureInfo.InvariantCulture)}, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        var results = new List<Measurement>();
        results.AddRange(await SeedBenchmark.RunAsync(settings, "Sqlite", settings.SqliteConnection));
        if (settings.PostgresConnection is not null)
        {
            results.AddRange(await SeedBenchmark.RunAsync(settings, "PostgreSql", settings.PostgresConnection));
        }
        else
        {
            AnsiConsole.MarkupLine("[yellow]PostgreSQL skipped[/]: set OBSERVATORY_BENCH_POSTGRES to a connection string to include it.");
        }

        if (settings.Runs("indicators"))
        {
            results.AddRange(await IndicatorBenchmark.RecomputeAsync(settings, "Sqlite", settings.SqliteConnection));
            if (settings.PostgresConnection is { } server)
            {
                results.AddRange(await IndicatorBenchmark.RecomputeAsync(settings, "PostgreSql", server));
            }

            await using var unrestricted = await FeedProcess.StartAsync("--ConnectionStrings:Warehouse", settings.SqliteConnection, "--Disclosure:Demo", "Unrestricted");
            results.Add(await IndicatorBenchmark.ReportAsync(settings, unrestricted, "exact"));
        }

        // Live values are computed for every request here (the host would otherwise answer a repeated slice from memory).
        await using (var sqlite = await FeedProcess.StartAsync("--ConnectionStrings:Warehouse", settings.SqliteConnection, "--Feed:LiveCache", "false"))
        {
            if (settings.Runs("indicators"))
            {
                results.Add(await IndicatorBenchmark.ReportAsync(settings, sqlite, "disclosure-controlled"));
            }

            if (settings.Runs("live"))
            {
                results.AddRange(await LiveIndicatorBenchmark.RunAsync(settings, sqlite));
            }


            if (settings.Runs("queries"))
            {
                results.AddRange(await QueryBenchmark.RunAsync(settings, "Sqlite", sqlite, sql => DatabaseClients.SqliteAsync(settings.SqliteFile, sql)));
            }

            if (settings.Runs("summaries"))
            {
                results.AddRange(await SummaryBenchmark.RunAsync(settings, sqlite));
            }

            foreach (var underLoad in settings.Runs("exports") ? [false, true] : Array.Empty<bool>())
            {
                foreach (var table in new[] { "Referrals", "Appointments" })
                {
                    var rows = long.Parse((await ChildProcess.RunAsync("sqlite3", [settings.SqliteFile, $"SELECT COUNT(*) FROM \"{table}\""])).Output.Trim(), CultureInfo.InvariantCulture);
                    results.AddRange(await ExportBenchmark.RunAsync(settings, sqlite, table, rows, underLoad));
                }
            }

            if (settings.Runs("batch"))
            {
                results.AddRange(await BatchBenchmark.RunAsync(sqlite));
            }
        }

        if (settings.Runs("dashboards"))
        {
            // As a board sees them (the controlled level), with live values kept between requests as the host keeps them, and without.
            foreach (var (cache, name) in new[] { ("true", "kept live values"), ("false", "every live value computed") })
            {
                await using var board = await FeedProcess.StartAsync("--ConnectionStrings:Warehouse", settings.SqliteConnection, "--Disclosure:Demo", "Controlled", "--Feed:LiveCache", cache);
                results.AddRange(await DashboardBenchmark.RunAsync(settings, board, name));
            }
        }

        if (settings is { PostgresConnection: { } postgres } && settings.Runs("queries"))
        {
            await using var host = await FeedProcess.StartAsync("--Warehouse:Provider", "PostgreSql", "--ConnectionStrings:Warehouse", postgres,
                "--Warehouse:Schema", BenchmarkSettings.PostgresSchema);
            results.AddRange(await QueryBenchmark.RunAsync(settings, "PostgreSql", host, sql => DatabaseClients.PsqlAsync(postgres, BenchmarkSettings.PostgresSchema, sql)));
        }

        if (settings.Runs("load"))
        {
            results.AddRange(await LoadBenchmark.RunAsync(settings));
        }

        if (settings.Runs("faults"))
        {
            results.AddRange(await FaultBenchmark.RunAsync(settings));
        }

        Report.Print(results);
        if (settings.MarkdownPath is { } path)
        {
            await File.WriteAllTextAsync(path, Report.Markdown(results, settings));
            AnsiConsole.MarkupLine($"Markdown written to {Markup.Escape(path)}");
        }
    }
}
