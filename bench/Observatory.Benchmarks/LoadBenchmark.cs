using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace Observatory.Benchmarks;

/// <summary>
/// Fifty clients at once on the demo-sized warehouse (scale 1), each asking a mix of the feed's requests in turn for
/// a fixed time: the latency of each kind under load beside the same request asked alone, and the host's threads.
/// </summary>
internal static class LoadBenchmark
{
    private const int Clients = 50;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(30);

    private static readonly (string Kind, string Url)[] Mix =
    [
        ("$metadata", "$metadata"),
        ("service document", ""),
        ("a small set", "Services"),
        ("a page of referrals", "Referrals?$filter=ServiceKey eq 1&$select=ReferralId,ReferralDateKey,EndDateKey,Recovered&$top=500"),
        ("an entity by key", "Referrals(ReferralId=4242)?$expand=Ethnicity,Service"),
        ("a count", "Referrals/$count?$filter=EndDateKey ne null"),
        ("$apply on the facts", "Referrals?$apply=filter(Service/Code eq 'TT')/groupby((Ethnicity/BroadGroup),aggregate(Recovered with sum as RecoveredCount,$count as Referrals))"),
        ("$apply on a summary", "MonthlyOutcomes?$apply=filter(Service/Code eq 'TT')/groupby((Month/FinancialYear),aggregate(Recovered with sum as RecoveredCount))"),
        ("indicator values", "IndicatorValues?$filter=IndicatorId eq 'tt-recovery' and Breakdown eq 'ethnic-group'&$select=Period,GroupName,Value,Lower95,Upper95"),
    ];

    public static async Task<IReadOnlyList<Measurement>> RunAsync(BenchmarkSettings settings)
    {
        var file = Path.Combine(settings.WorkDirectory, "scale-1.db");
        if (!File.Exists(file))
        {
            AnsiConsole.MarkupLine("Seeding the scale-1 warehouse for the load test ...");
            var seed = await ChildProcess.RunAsync("dotnet", [ChildProcess.Dll("observatory.dll"), "seed", "--connection", $"Data Source={file}", "--json"]);
            if (seed.ExitCode != 0)
            {
                throw new InvalidOperationException($"Seeding failed: {seed.Output}{seed.Error}");
            }
        }

        await using var host = await FeedProcess.StartAsync("--ConnectionStrings:Warehouse", $"Data Source={file}");
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Clients }) { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };

        AnsiConsole.MarkupLine($"Load: {Clients} clients for {Duration.TotalSeconds:0} s on scale 1 ...");
        var alone = new Dictionary<string, double>();
        foreach (var (kind, url) in Mix)
        {
            alone[kind] = await Timing.MedianAsync(settings.Repeat, () => GetAsync(client, url));
        }

        var latencies = new ConcurrentBag<(string Kind, double Milliseconds)>();
        var threads = 0;
        using var stop = new CancellationTokenSource(Duration);
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                threads = Math.Max(threads, host.Threads);
                await Task.Delay(200);
            }
        });
        var failures = 0;
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
        {
            for (var i = c; !stop.IsCancellationRequested; i++)
            {
                var (kind, url) = Mix[i % Mix.Length];
                var clock = Stopwatch.StartNew();
                try
                {
                    await GetAsync(client, url);
                    latencies.Add((kind, clock.Elapsed.TotalMilliseconds));
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })));
        await sampler;

        var results = new List<Measurement>();
        foreach (var (kind, _) in Mix)
        {
            var times = latencies.Where(l => l.Kind == kind).Select(l => l.Milliseconds).Order().ToList();
            results.Add(new($"Load, {Clients} clients: {kind}, p99", Percentile(times, 0.99), "ms", "alone (median)", alone[kind])
            {
                Spread = (Percentile(times, 0.5), Percentile(times, 0.95)),
            });
        }

        var all = latencies.Select(l => l.Milliseconds).Order().ToList();
        results.Add(new($"Load, {Clients} clients: every request, p99 (p50 to p95)", Percentile(all, 0.99), "ms") { Spread = (Percentile(all, 0.5), Percentile(all, 0.95)) });
        results.Add(new($"Load, {Clients} clients: requests answered", all.Count / Duration.TotalSeconds, "requests/s"));
        results.Add(new($"Load, {Clients} clients: failed requests", failures, "requests", Target: "0", Met: failures == 0));
        results.Add(new($"Load, {Clients} clients: host threads (most)", threads, "threads"));
        return results;
    }

    private static async Task GetAsync(HttpClient client, string url) =>
        (await client.GetAsync(new Uri(url, UriKind.Relative))).EnsureSuccessStatusCode();

    private static double Percentile(List<double> sorted, double fraction) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(fraction * sorted.Count) - 1)];
}
