using System.Text;
using System.Text.RegularExpressions;
using Spectre.Console;

namespace Observatory.Benchmarks;

/// <summary>
/// A whole fact table out of the feed, as Power BI reads it (JSON pages following @odata.nextLink) and as a
/// researcher downloads it (one streamed CSV), against sqlite3 -json writing the same table, in alternating rounds
/// so that the machine's drift falls on all three alike; the host's memory is sampled throughout. A short untimed
/// pass first lets the host's JIT reach its optimised code, as it has on a server that has been answering for a
/// while. The client reads the bytes and keeps only what it needs to follow the next link, so the figures are the
/// feed's and not a JSON parser's on the same two cores. Optionally the rounds run again beside a process that keeps one core busy, as other work on a shared
/// server does.
/// </summary>
internal static partial class ExportBenchmark
{
    private const double TargetRowsPerSecond = 400_000;
    private const double TargetRatio = 2.2;
    private const double TargetMemoryMegabytes = 300;

    public static async Task<IReadOnlyList<Measurement>> RunAsync(BenchmarkSettings settings, FeedProcess host, string table, long rows, bool underLoad)
    {
        using var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(30) };
        var condition = underLoad ? ", beside a busy core" : "";
        AnsiConsole.MarkupLine($"Exporting {table} ({rows:N0} rows){condition}: {settings.Rounds} alternating rounds ...");

        await WarmUpAsync(client, table);
        using var load = underLoad ? BusyCore.Start() : null;
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

        var samples = await Timing.SamplesAsync(settings.Rounds, warmUp: false,
            () => JsonAsync(client, table),
            () => CsvAsync(client, table),
            () => DatabaseClients.SqliteAsync(settings.SqliteFile, $"SELECT * FROM \"{table}\"", "-json", "-cmd", ".output /dev/null"));
        await sampling.CancelAsync();
        await sampler;

        var (json, csv, cli) = (samples[0].Rate(rows), samples[1].Rate(rows), samples[2].Rate(rows));
        var target = $">= {TargetRowsPerSecond:N0} rows/s and <= {TargetRatio}x sqlite3";
        return
        [
            Export($"Export {table} JSON through next links{condition}", json, cli, target),
            Export($"Export {table} CSV{condition}", csv, cli, target),
            new($"Export {table}: host memory (peak resident){condition}", peak, "MB", "target", TargetMemoryMegabytes, $"< {TargetMemoryMegabytes} MB", peak < TargetMemoryMegabytes),
        ];
    }

    private static Measurement Export(string what, Sample feed, Sample cli, string target) =>
        new(what, feed.Median, "rows/s", "sqlite3 -json", cli.Median, target,
            feed.Median >= TargetRowsPerSecond && cli.Median / feed.Median <= TargetRatio)
        {
            Spread = (feed.Min, feed.Max),
            BaselineSpread = (cli.Min, cli.Max),
        };

    /// <summary>Follows the next links reading each page's bytes as they come, keeping only the page's tail, where the next link is.</summary>
    private static async Task JsonAsync(HttpClient client, string table)
    {
        const int Tail = 4096;
        var buffer = new byte[64 * 1024];
        var tail = new byte[Tail];
        string? next = table;
        while (next is not null)
        {
            await using var page = await client.GetStreamAsync(new Uri(next, UriKind.RelativeOrAbsolute));
            var kept = 0;
            int read;
            while ((read = await page.ReadAsync(buffer)) > 0)
            {
                if (read >= Tail)
                {
                    buffer.AsSpan(read - Tail, Tail).CopyTo(tail);
                    kept = Tail;
                }
                else
                {
                    var keep = Math.Min(kept, Tail - read);
                    tail.AsSpan(kept - keep, keep).CopyTo(tail);
                    buffer.AsSpan(0, read).CopyTo(tail.AsSpan(keep));
                    kept = keep + read;
                }
            }

            next = NextLink().Match(Encoding.UTF8.GetString(tail, 0, kept)) is { Success: true } match ? match.Groups[1].Value : null;
        }
    }

    private static async Task CsvAsync(HttpClient client, string table)
    {
        await using var stream = await client.GetStreamAsync(new Uri($"{table}?$format=csv", UriKind.Relative));
        await stream.CopyToAsync(Stream.Null);
    }

    private static async Task WarmUpAsync(HttpClient client, string table)
    {
        for (var page = 0; page < 20; page++)
        {
            await client.GetByteArrayAsync(new Uri($"{table}?$skiptoken=after-{page * 5000}", UriKind.Relative));
            await client.GetByteArrayAsync(new Uri($"{table}?$format=csv&$top=5000&$skip={page * 5000}", UriKind.Relative));
        }
    }

    [GeneratedRegex("\"@odata.nextLink\":\"([^\"]+)\"")]
    private static partial Regex NextLink();
}
