using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace Observatory.Benchmarks;

/// <summary>Recomputing every indicator value of the seeded warehouse, and rendering the report built from them.</summary>
internal static class IndicatorBenchmark
{
    private const double TargetSeconds = 10;

    /// <summary>Each recompute takes seconds: a few runs give a steady median.</summary>
    private const int MaxRuns = 3;

    public static async Task<IReadOnlyList<Measurement>> RecomputeAsync(BenchmarkSettings settings, string provider, string connection)
    {
        var runs = Math.Min(settings.Repeat, MaxRuns);
        var summaries = new List<JsonElement>();
        for (var run = 1; run <= runs; run++)
        {
            AnsiConsole.MarkupLine($"Recomputing the indicator values on {provider} ({run} of {runs}) ...");
            var result = await ChildProcess.RunAsync("dotnet",
                [ChildProcess.Dll("observatory.dll"), "indicators", "--provider", provider, "--connection", connection, "--schema", BenchmarkSettings.PostgresSchema, "--json"]);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"Computing indicators on {provider} failed: {result.Output}{result.Error}");
            }

            summaries.Add(JsonDocument.Parse(result.Output).RootElement.Clone());
        }

        Sample Runs(string property) => new(summaries.Select(s => s.GetProperty(property).GetDouble()).ToList());
        double Median(string property) => Runs(property).Median;
        var recompute = Runs("Seconds");
        var seconds = recompute.Median;
        var label = $"Indicators {provider}: recompute every value (median of {runs.ToString(CultureInfo.InvariantCulture)})";
        return
        [
            provider == "Sqlite"
                ? new(label, seconds, "s", "target", TargetSeconds, "< 10 s", seconds < TargetSeconds) { Spread = (recompute.Min, recompute.Max) }
                : new(label, seconds, "s") { Spread = (recompute.Min, recompute.Max) },
            new($"Indicators {provider}: grouped queries", Median("QuerySeconds"), "s"),
            new($"Indicators {provider}: statistics, disclosure control and storing", Median("ValueSeconds"), "s"),
            new($"Indicators {provider}: values written", summaries[0].GetProperty("Values").GetDouble(), "rows"),
        ];
    }

    /// <summary>The progress report page end to end through the host, at the host's disclosure level.</summary>
    public static async Task<Measurement> ReportAsync(BenchmarkSettings settings, FeedProcess host, string level)
    {
        AnsiConsole.MarkupLine($"Timing the progress report page ({level}) ...");
        using var client = new HttpClient();
        var page = new Uri(host.BaseAddress, "/reports/progress");
        var time = await Timing.MedianAsync(settings.Repeat, async () => (await client.GetAsync(page)).EnsureSuccessStatusCode());
        return new($"Report page: progress report, {level} figures", time, "ms");
    }
}
