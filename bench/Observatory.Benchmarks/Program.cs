using System.Globalization;
using Observatory.Benchmarks;
using Spectre.Console;

// Everything runs in Release against real files and a real server, one measurement after another on this
// machine, and every figure is printed beside the figure it is compared with.
var settings = BenchmarkSettings.Parse(args);
var results = new List<Measurement>();

AnsiConsole.MarkupLine($"[bold]Observatory benchmarks[/]: scale {settings.Scale.ToString(CultureInfo.InvariantCulture)}, {Environment.ProcessorCount} cores, .NET {Environment.Version}");

var sqlite = await SeedBenchmark.RunAsync(settings, "Sqlite", settings.SqliteConnection);
results.AddRange(sqlite);
if (settings.PostgresConnection is { } postgres)
{
    results.AddRange(await SeedBenchmark.RunAsync(settings, "PostgreSql", postgres));
}
else
{
    AnsiConsole.MarkupLine("[yellow]PostgreSQL skipped[/]: set OBSERVATORY_BENCH_POSTGRES to a connection string to include it.");
}

results.AddRange(await ApplyBenchmark.RunSqliteAsync(settings));

Report.Print(results);
if (settings.MarkdownPath is { } path)
{
    await File.WriteAllTextAsync(path, Report.Markdown(results, settings));
    AnsiConsole.MarkupLine($"Markdown written to {Markup.Escape(path)}");
}
