using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Spectre.Console;

namespace Observatory.Benchmarks;

/// <summary>
/// Fifty clients at once against the benchmark warehouse, on a secured host (every request with an API key), for a
/// bounded time, as three roles: analysts refreshing a fact table as Power BI does (every page through the next
/// links) and asking `$apply` questions of the facts and the summary sets; board members reading indicator values and
/// the report page; researchers reading indicator values, dimensions and the model. Reports the requests of each
/// kind with p50, p95 and p99, the answers by status, the host's peak memory and threads, each kind also asked alone.
/// </summary>
internal static partial class LoadBenchmark
{
    private const int Clients = 50;
    private const double TargetP95Milliseconds = 2000;
    private const double TargetMemoryMegabytes = 500;

    private sealed record Kind(string Name, string Role, string Url, bool Light);

    private static readonly Kind[] Kinds =
    [
        new("Power BI refresh: a page of Referrals", "Analyst", "Referrals", Light: false),
        new("$apply on the facts", "Analyst", "Referrals?$apply=filter(Service/Code eq 'TT' and EndDateKey ne null)/groupby((Ethnicity/BroadGroup),aggregate(Recovered with sum as RecoveredCount,$count as Referrals))", Light: false),
        new("$apply on a summary set", "Analyst", "MonthlyOutcomes?$apply=filter(Service/Code eq 'TT')/groupby((Month/FinancialYear,EthnicityGroup),aggregate(Recovered with sum as RecoveredCount,FinishedAtCaseness with sum as Finished))", Light: true),
        new("indicator values (board)", "Board", "IndicatorValues?$filter=IndicatorId eq 'tt-recovery' and Breakdown eq 'ethnic-group' and PeriodType eq 'FinancialYear'&$select=Period,GroupName,Value,Lower95,Upper95,ComparedWithReference", Light: true),
        new("the progress report page", "Board", "../reports/progress", Light: true),
        new("indicator values (researcher)", "Researcher", "IndicatorValues?$filter=Breakdown eq 'imd-quintile' and Area eq 'City and Hackney'&$select=IndicatorId,Period,GroupName,Numerator,Denominator,Value&$top=500", Light: true),
        new("a dimension", "Researcher", "Ethnicities", Light: true),
        new("$metadata", "Researcher", "$metadata", Light: true),
    ];

    /// <summary>Which kinds each of the fifty clients asks, in turn: 4 refreshing, 6 on the facts, 10 on summaries, 15 board, 15 researchers.</summary>
    private static Kind[] Plan(int client) => client switch
    {
        < 4 => [Kinds[0]],
        < 10 => [Kinds[1]],
        < 20 => [Kinds[2]],
        < 35 => [Kinds[3], Kinds[3], Kinds[3], Kinds[4]],
        _ => [Kinds[5], Kinds[6], Kinds[7]],
    };

    public static async Task<IReadOnlyList<Measurement>> RunAsync(BenchmarkSettings settings)
    {
        // Each client is a caller of its own, with its own key (and so its own rate limit), as each person or
        // scheduled refresh would be; each kind is asked alone with the key of the first client of its role.
        var clientKeys = await CreateClientKeysAsync(settings);
        var keys = Enumerable.Range(0, Clients).GroupBy(c => Plan(c)[0].Role).ToDictionary(g => g.Key, g => clientKeys[g.First()]);

        await using var host = await FeedProcess.StartAsync("--ConnectionStrings:Warehouse", settings.SqliteConnection, "--Security:Mode", "Secured");
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Clients }) { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };

        var duration = TimeSpan.FromSeconds(settings.LoadSeconds);
        AnsiConsole.MarkupLine($"Load: {Clients} clients as three roles for {duration.TotalSeconds:0} s on scale {settings.Scale} ...");
        var alone = new Dictionary<string, double>();
        foreach (var kind in Kinds)
        {
            alone[kind.Name] = await Timing.MedianAsync(Math.Min(settings.Repeat, 5), async () => { await AskAsync(client, keys[kind.Role], kind.Url); });
        }

        var answers = new ConcurrentBag<(string Kind, int Status, double Milliseconds)>();
        var threads = 0;
        var peak = 0.0;
        using var stop = new CancellationTokenSource(duration);
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                threads = Math.Max(threads, host.Threads);
                peak = Math.Max(peak, host.ResidentMegabytes);
                await Task.Delay(200);
            }
        });
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
        {
            var plan = Plan(c);
            string? next = null;
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var kind = plan[i % plan.Length];
                var url = kind == Kinds[0] ? next ?? kind.Url : kind.Url;
                var clock = Stopwatch.StartNew();
                var (status, body) = await AskAsync(client, clientKeys[c], url);
                answers.Add((kind.Name, status, clock.Elapsed.TotalMilliseconds));
                if (kind == Kinds[0])
                {
                    // Power Query follows the next link (adding its key again), and starts over at the end of the table.
                    next = status == 200 && NextLink().Match(body[Math.Max(0, body.Length - 4096)..]) is { Success: true } link ? link.Groups[1].Value : null;
                }
            }
        })));
        await sampler;
        peak = Math.Max(peak, host.PeakMegabytes);

        var results = new List<Measurement>();
        foreach (var kind in Kinds)
        {
            var times = answers.Where(a => a.Kind == kind.Name && a.Status is >= 200 and < 300).Select(a => a.Milliseconds).Order().ToList();
            var p95 = Percentile(times, 0.95);
            results.Add(kind.Light && kind.Name != "$metadata" && kind.Name != "a dimension"
                ? new($"Load, {Clients} clients: {kind.Name}, p95", p95, "ms", "alone (median)", alone[kind.Name], $"< {TargetP95Milliseconds:N0} ms", p95 < TargetP95Milliseconds)
                {
                    Spread = (Percentile(times, 0.5), Percentile(times, 0.99)),
                }
                : new($"Load, {Clients} clients: {kind.Name}, p95", p95, "ms", "alone (median)", alone[kind.Name])
                {
                    Spread = (Percentile(times, 0.5), Percentile(times, 0.99)),
                });
        }

        var all = answers.Select(a => a.Milliseconds).Order().ToList();
        var statuses = answers.GroupBy(a => a.Status).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count());
        var errors = answers.Count(a => a.Status is < 200 or >= 300 && a.Status != 429);
        results.Add(new($"Load, {Clients} clients: requests answered", answers.Count / duration.TotalSeconds, "requests/s"));
        results.Add(new($"Load, {Clients} clients: every request, p95 (p50 to p99)", Percentile(all, 0.95), "ms") { Spread = (Percentile(all, 0.5), Percentile(all, 0.99)) });
        results.Add(new($"Load, {Clients} clients: answers by status {string.Join(", ", statuses.Select(s => $"{(s.Key == 0 ? "none" : s.Key)}: {s.Value:N0}"))}", answers.Count, "requests"));
        results.Add(new($"Load, {Clients} clients: errors other than 429", errors, "requests", Target: "0", Met: errors == 0));
        results.Add(new($"Load, {Clients} clients: rate-limited (429)", statuses.GetValueOrDefault(429), "requests"));
        results.Add(new($"Load, {Clients} clients: host memory (peak resident)", peak, "MB", "target", TargetMemoryMegabytes, $"< {TargetMemoryMegabytes:N0} MB", peak < TargetMemoryMegabytes));
        results.Add(new($"Load, {Clients} clients: host threads (most)", threads, "threads"));
        return results;
    }

    /// <summary>One key for each client, of the role of the kinds it asks, made through the service store directly (fifty command lines would take longer than the run).</summary>
    private static async Task<string[]> CreateClientKeysAsync(BenchmarkSettings settings)
    {
        using var store = new Access.Store.ServiceStore(Access.Store.ServiceStoreOptions.For(Warehouse.WarehouseOptions.Create("Sqlite", settings.SqliteConnection)));
        var keys = new Access.Keys.ApiKeys(store, TimeProvider.System);
        var created = new string[Clients];
        for (var c = 0; c < Clients; c++)
        {
            var role = Access.Roles.Roles.Parse(Plan(c)[0].Role);
            created[c] = (await keys.CreateAsync($"load-{c}-{Guid.NewGuid():N}"[..24], role, DateTime.UtcNow.AddDays(1), null)).Key;
        }

        return created;
    }

    /// <returns>The status (0 when no answer came) and the body.</returns>
    private static async Task<(int Status, string Body)> AskAsync(HttpClient client, string key, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.RelativeOrAbsolute));
        request.Headers.Add("X-Api-Key", key);
        try
        {
            using var response = await client.SendAsync(request);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return (0, e.Message);
        }
    }

    private static double Percentile(List<double> sorted, double fraction) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(fraction * sorted.Count) - 1)];

    [GeneratedRegex("\"@odata.nextLink\":\"([^\"]+)\"")]
    private static partial Regex NextLink();
}
