using System.Text.Json;
using Spectre.Console;

namespace Observatory.Benchmarks;

/// <summary>Seeds the warehouse at the benchmark scale through the command line and reads its own summary.</summary>
internal static class SeedBenchmark
{
    private const double TargetRowsPerSecond = 250_000;
    private const double TargetPeakMegabytes = 400;
    private const double TargetIndicatorSeconds = 10;

    public static async Task<IReadOnlyList<Measurement>> RunAsync(BenchmarkSettings settings, string provider, string connection)
    {
        if (settings.Keep && (provider != "Sqlite" || File.Exists(settings.SqliteFile)))
        {
            AnsiConsole.MarkupLine($"Keeping the {provider} warehouse a previous run seeded; seeding not measured.");
            return [];
        }

        AnsiConsole.MarkupLine($"Seeding scale {settings.Scale} on {provider} ...");
        var run = await ChildProcess.RunAsync("dotnet",
        [
            ChildProcess.Dll("observatory.dll"), "seed", "--provider", provider, "--connection", connection,
            "--schema", BenchmarkSettings.PostgresSchema, "--scale", settings.Scale.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--replace", "--json",
        ]);
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"Seeding on {provider} failed: {run.Output}{run.Error}");
        }

        var summary = JsonDocument.Parse(run.Output).RootElement;
        var rowsPerSecond = summary.GetProperty("FactRowsPerSecond").GetDouble();
        var peak = summary.GetProperty("PeakWorkingSetMegabytes").GetDouble();
        var isSqlite = provider == "Sqlite";
        return
        [
            new($"Seed {provider}: fact rows", summary.GetProperty("FactRows").GetDouble(), "rows"),
            new($"Seed {provider}: total time", summary.GetProperty("TotalSeconds").GetDouble(), "s"),
            new($"Seed {provider}: indexes and constraints", summary.GetProperty("IndexSeconds").GetDouble(), "s"),
            isSqlite
                ? new($"Seed {provider}: summary cubes and indicator values", summary.GetProperty("StepSeconds").GetDouble(), "s", "target", TargetIndicatorSeconds, "< 10 s", summary.GetProperty("StepSeconds").GetDouble() < TargetIndicatorSeconds)
                : new($"Seed {provider}: summary cubes and indicator values", summary.GetProperty("StepSeconds").GetDouble(), "s"),
            isSqlite
                ? new($"Seed {provider}: throughput (rows loaded and indexed)", rowsPerSecond, "rows/s", "target", TargetRowsPerSecond, ">= 250,000 rows/s", rowsPerSecond >= TargetRowsPerSecond)
                : new($"Seed {provider}: throughput (rows loaded and indexed)", rowsPerSecond, "rows/s"),
            new($"Seed {provider}: peak memory", peak, "MB", "target", TargetPeakMegabytes, "< 400 MB", peak < TargetPeakMegabytes),
        ];
    }
}
