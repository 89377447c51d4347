using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Spectre.Console;

namespace Observatory.Benchmarks;

/// <summary>
/// A whole fact table out of the feed, as Power BI reads it (JSON pages following @odata.nextLink) and as a
/// researcher downloads it (one streamed CSV), against sqlite3 -json writing the same table; the host's memory
/// is sampled throughout. A short untimed pass first lets the host's JIT reach its optimised code, as it has on a
/// server that has been answering for a while; the timed passes are the steady state a scheduled refresh meets.
/// </summary>
internal static partial class ExportBenchmark
{
    private const double TargetRowsPerSecond = 400_000;
    private const double TargetRatio = 2.2;
    private const double TargetMemoryMegabytes = 300;

    public static async Task<IReadOnlyList<Measurement>> RunAsync(BenchmarkSettings settings, FeedProcess host, string table, long rows)
    {
        using var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(30) };
        AnsiConsole.MarkupLine($"Exporting {table} ({rows:N0} rows) ...");

        await WarmUpAsync(client, table);
        var peak = 0.0;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, host.ResidentMegabytes);
                await Task.Delay(100);
            }
        });

        var json = await TimeAsync(async () =>
        {
            string? next = $"{table}";
            while (next is not null)
            {
                var body = await client.GetByteArrayAsync(new Uri(next, UriKind.RelativeOrAbsolute));
                var tail = Encoding.UTF8.GetString(body, Math.Max(0, body.Length - 4096), Math.Min(4096, body.Length));
                next = NextLink().Match(tail) is { Success: true } match ? match.Groups[1].Value : null;
            }
        });
        var csv = await TimeAsync(async () =>
        {
            await using var stream = await client.GetStreamAsync(new Uri($"{table}?$format=csv", UriKind.Relative));
            await stream.CopyToAsync(Stream.Null);
        });
        await sampling.CancelAsync();
        await sampler;

        var cli = await TimeAsync(() => DatabaseClients.SqliteAsync(settings.SqliteFile, $"SELECT * FROM \"{table}\"", "-json", "-cmd", ".output /dev/null"));
        var cliRate = rows / cli;
        return
        [
            new($"Export {table} JSON through next links", rows / json, "rows/s", "sqlite3 -json", cliRate,
                $">= {TargetRowsPerSecond:N0} rows/s and <= {TargetRatio}x sqlite3", rows / json >= TargetRowsPerSecond && cliRate / (rows / json) <= TargetRatio),
            new($"Export {table} CSV", rows / csv, "rows/s", "sqlite3 -json", cliRate,
                $">= {TargetRowsPerSecond:N0} rows/s and <= {TargetRatio}x sqlite3", rows / csv >= TargetRowsPerSecond && cliRate / (rows / csv) <= TargetRatio),
            new($"Export {table}: host memory (peak resident)", peak, "MB", "target", TargetMemoryMegabytes, $"< {TargetMemoryMegabytes} MB", peak < TargetMemoryMegabytes),
        ];
    }

    private static async Task WarmUpAsync(HttpClient client, string table)
    {
        for (var page = 0; page < 20; page++)
        {
            await client.GetByteArrayAsync(new Uri($"{table}?$skiptoken=after-{page * 5000}", UriKind.Relative));
            await client.GetByteArrayAsync(new Uri($"{table}?$format=csv&$top=5000&$skip={page * 5000}", UriKind.Relative));
        }
    }

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var clock = Stopwatch.StartNew();
        await action();
        return clock.Elapsed.TotalSeconds;
    }

    [GeneratedRegex("\"@odata.nextLink\":\"([^\"]+)\"")]
    private static partial Regex NextLink();
}
