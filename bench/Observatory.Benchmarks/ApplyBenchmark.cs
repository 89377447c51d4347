using System.Diagnostics;
using System.Net.Http;
using System.Text.RegularExpressions;
using Spectre.Console;

namespace Observatory.Benchmarks;

/// <summary>
/// The feed's $apply on the benchmark warehouse against the same question in hand-written SQL run by the
/// sqlite3 command line on the same file. Both sides are timed end to end (HTTP request and response; process
/// start, query and output), median of several runs after a warm-up.
/// </summary>
internal static partial class ApplyBenchmark
{
    private static readonly (string Name, string Url, string Sql)[] Queries =
    [
        ("Referrals by ethnic group",
            "Referrals?$apply=groupby((Ethnicity/BroadGroup),aggregate($count as Referrals))",
            "SELECT e.BroadGroup, COUNT(*) FROM Referrals r JOIN Ethnicities e ON e.EthnicityKey = r.EthnicityKey GROUP BY e.BroadGroup;"),
    ];

    public static async Task<IReadOnlyList<Measurement>> RunSqliteAsync(BenchmarkSettings settings)
    {
        await using var host = await FeedProcess.StartAsync(settings.SqliteConnection);
        using var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(10) };
        var results = new List<Measurement>();
        foreach (var (name, url, sql) in Queries)
        {
            AnsiConsole.MarkupLine($"Timing {Markup.Escape(name)} ...");
            var feed = await MedianAsync(settings.Repeat, async () => (await client.GetAsync(new Uri(url, UriKind.Relative))).EnsureSuccessStatusCode());
            var cli = await MedianAsync(settings.Repeat, async () =>
            {
                var run = await ChildProcess.RunAsync("sqlite3", [settings.SqliteFile, sql]);
                if (run.ExitCode != 0)
                {
                    throw new InvalidOperationException($"sqlite3 failed: {run.Error}");
                }
            });
            results.Add(new($"$apply {name} (feed)", feed, "ms", "sqlite3 CLI", cli));
            results.Add(new($"$apply {name} (sqlite3 CLI)", cli, "ms"));
        }

        return results;
    }

    private static async Task<double> MedianAsync(int repeat, Func<Task> action)
    {
        await action();
        var times = new List<double>();
        for (var i = 0; i < repeat; i++)
        {
            var clock = Stopwatch.StartNew();
            await action();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return times[times.Count / 2];
    }

    /// <summary>The host as a child process on a free loopback port, pointed at the benchmark warehouse.</summary>
    private sealed partial class FeedProcess : IAsyncDisposable
    {
        private readonly Process _process;

        private FeedProcess(Process process, Uri baseAddress)
        {
            _process = process;
            BaseAddress = baseAddress;
        }

        public Uri BaseAddress { get; }

        public static async Task<FeedProcess> StartAsync(string connection)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { ChildProcess.Dll("Observatory.Api.dll"), "--urls", "http://127.0.0.1:0",
                         "--ConnectionStrings:Warehouse", connection, "--Warehouse:SeedDemoWhenMissing", "false" })
            {
                start.ArgumentList.Add(argument);
            }

            var process = Process.Start(start)!;
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (Listening().Match(line) is { Success: true } match)
                {
                    _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                    return new FeedProcess(process, new Uri(match.Groups[1].Value.TrimEnd('/') + "/odata/"));
                }
            }

            throw new InvalidOperationException($"The host did not start: {await process.StandardError.ReadToEndAsync(CancellationToken.None)}");
        }

        public async ValueTask DisposeAsync()
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            _process.Dispose();
        }

        [GeneratedRegex(@"Now listening on: (http://\S+)")]
        private static partial Regex Listening();
    }
}
