using System.Text.Json;
using Spectre.Console;

namespace Observatory.Benchmarks;

/// <summary>
/// The documented $apply query set (docs/apply-queries.json) through the feed, against the same questions in
/// hand-written SQL run by the database's own client on the same data. Both sides are timed end to end: the
/// HTTP request and response; the client's process start, query and output.
/// </summary>
internal static class QueryBenchmark
{
    private const double TargetRatio = 1.2;

    public sealed record Query(string Name, string Url, string Sql);

    private sealed record Document(List<Query> Queries);

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public static IReadOnlyList<Query> Load(string repository) =>
        JsonSerializer.Deserialize<Document>(File.ReadAllText(Path.Combine(repository, "docs", "apply-queries.json")), Json)!.Queries;

    public static async Task<IReadOnlyList<Measurement>> RunAsync(
        BenchmarkSettings settings, string provider, FeedProcess host, Func<string, Task> runSql)
    {
        using var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(10) };
        var results = new List<Measurement>();
        foreach (var query in Load(BenchmarkSettings.Repository))
        {
            AnsiConsole.MarkupLine($"Timing on {provider}: {Markup.Escape(query.Name)} ...");
            var times = await Timing.MediansAsync(
                settings.Repeat,
                async () => (await client.GetAsync(new Uri(query.Url, UriKind.Relative))).EnsureSuccessStatusCode(),
                () => runSql(query.Sql));
            var (feed, sql) = (times[0], times[1]);
            var baseline = provider == "Sqlite" ? "sqlite3" : "psql";
            results.Add(new($"{provider} $apply: {query.Name}", feed, "ms", baseline, sql, $"<= {TargetRatio}x {baseline}", feed / sql <= TargetRatio));
        }

        return results;
    }
}
