using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace Observatory.Benchmarks;

/// <summary>
/// Faults done to a serving host's warehouse, each probed on every kind of read: the file moved away, made unreadable
/// or replaced by garbage; a write lock held by another process; PostgreSQL stopped and started again; a client
/// leaving mid-export; a load killed with SIGKILL half-way. While a fault lasts every answer must be a 503 OData
/// error with Retry-After (or, where the database can still answer, a 200), never a 500 and never a hang; once the
/// cause goes the host must answer again by itself; a killed load must leave the previous warehouse serving and the
/// next load unblocked.
/// </summary>
internal static class FaultBenchmark
{
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(30);

    private static readonly (string Kind, string Url)[] Probes =
    [
        ("a page", "Referrals?$top=50"),
        ("$count", "Referrals/$count"),
        ("a read by key", "Referrals(1)"),
        ("$apply", "Referrals?$apply=groupby((ServiceKey),aggregate($count as Referrals))"),
        ("CSV", "Referrals?$top=50&$format=csv"),
        ("$batch", "$batch"),
        ("indicator values", "IndicatorValues?$top=10"),
        ("the report page", "../reports/progress"),
    ];

    public static async Task<IReadOnlyList<Measurement>> RunAsync(BenchmarkSettings settings)
    {
        var directory = Path.Combine(settings.WorkDirectory, "faults");
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, "observatory.db");
        var scale = Math.Min(settings.Scale, 1).ToString(CultureInfo.InvariantCulture);
        AnsiConsole.MarkupLine($"Faults: seeding a scale-{scale} warehouse to break ...");
        await SeedAsync(file, scale);

        var results = new List<Measurement>();
        await using (var host = await FeedProcess.StartAsync("--ConnectionStrings:Warehouse", $"Data Source={file}", "--Feed:QueryTimeoutSeconds", "10"))
        {
            using var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = Hang };
            await ExpectServingAsync(client);

            results.Add(await FaultAsync(client, "the warehouse file moved away",
                () => File.Move(file, file + ".away"), () => File.Move(file + ".away", file)));
            results.Add(await FaultAsync(client, "the warehouse file replaced by garbage", () =>
            {
                File.Move(file, file + ".kept");
                File.WriteAllBytes(file, System.Text.Encoding.ASCII.GetBytes(new string('#', 64 * 1024)));
            }, () => File.Move(file + ".kept", file, overwrite: true)));
            results.Add(await FaultAsync(client, "the warehouse file unreadable (a folder in its place)", () =>
            {
                File.Move(file, file + ".kept");
                Directory.CreateDirectory(file);
            }, () =>
            {
                Directory.Delete(file);
                File.Move(file + ".kept", file);
            }));
            results.Add(await WriteLockAsync(client, file, settings.LockSeconds));
            results.Add(await DisconnectAsync(client, host));
            results.AddRange(await KilledLoadAsync(client, file, scale));
        }

        if (settings.PostgresConnection is { } postgres)
        {
            results.Add(await PostgresRestartAsync(postgres, scale));
        }

        return results;
    }

    /// <summary>Breaks, probes every kind of read for 503s, mends, and times the host's recovery.</summary>
    private static async Task<Measurement> FaultAsync(HttpClient client, string fault, Action breakIt, Action mendIt)
    {
        AnsiConsole.MarkupLine($"Fault: {fault} ...");
        breakIt();
        List<string> wrong;
        try
        {
            // The host notices a changed file within a second.
            await Task.Delay(1500);
            wrong = await ProbeAsync(client, accept: status => status == 503);
        }
        finally
        {
            mendIt();
        }

        var recovered = await RecoveryAsync(client);
        return Outcome($"Faults: {fault}", wrong, recovered, "503 + Retry-After while broken; 200 again by itself");
    }

    /// <summary>Another process holds a write lock: reads answer (WAL lets them) or say 503, never 500 or a hang.</summary>
    private static async Task<Measurement> WriteLockAsync(HttpClient client, string file, int seconds)
    {
        AnsiConsole.MarkupLine($"Fault: a write lock held for {seconds} s by another process ...");
        var start = new ProcessStartInfo("sqlite3") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(file);
        using var locker = Process.Start(start)!;
        await locker.StandardInput.WriteLineAsync("BEGIN EXCLUSIVE; UPDATE \"WarehouseLoads\" SET \"Source\" = \"Source\"; SELECT 'locked';");
        await locker.StandardInput.FlushAsync();
        if (await locker.StandardOutput.ReadLineAsync() != "locked")
        {
            throw new InvalidOperationException($"sqlite3 could not take the write lock: {await locker.StandardError.ReadToEndAsync()}");
        }

        var held = Stopwatch.StartNew();
        var wrong = new List<string>();
        var rounds = 0;
        while (held.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            wrong.AddRange(await ProbeAsync(client, accept: status => status is 200 or 503));
            rounds++;
        }

        AnsiConsole.MarkupLine($"  {rounds} rounds of probes in {held.Elapsed.TotalSeconds:0.0} s while the lock was held");
        await locker.StandardInput.WriteLineAsync("ROLLBACK;");
        locker.StandardInput.Close();
        await locker.WaitForExitAsync();
        var recovered = await RecoveryAsync(client);
        return Outcome($"Faults: a write lock held for {seconds} s", wrong.Distinct().ToList(), recovered, "200 or 503, never 500 or a hang; 200 after");
    }

    /// <summary>A client leaves in the middle of a large export: the host stops the query at once.</summary>
    private static async Task<Measurement> DisconnectAsync(HttpClient client, FeedProcess host)
    {
        AnsiConsole.MarkupLine("Fault: a client leaving mid-export ...");
        string[] exports = ["Appointments?$format=csv", "Appointments"];
        // Read both once whole first, so that compiling their code is not counted as work left running.
        foreach (var url in exports)
        {
            await client.GetByteArrayAsync(new Uri(url, UriKind.Relative));
        }

        // The host's processor time while idle, to tell the work a left export leaves running from the runtime's own.
        await Task.Delay(2000);
        var idleFrom = host.CpuSeconds;
        await Task.Delay(2000);
        var idle = host.CpuSeconds - idleFrom;
        foreach (var url in exports)
        {
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
            await using var body = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[64 * 1024];
            _ = await body.ReadAsync(buffer);
        }

        // The host's processor time over the two seconds after both clients left.
        await Task.Delay(500);
        var before = host.CpuSeconds;
        await Task.Delay(2000);
        var busy = Math.Max(0, host.CpuSeconds - before - idle);
        var wrong = await ProbeAsync(client, accept: status => status == 200);
        if (busy > 0.4)
        {
            wrong.Add($"the host used {busy:0.00} s more processor than when idle in the 2 s after the clients left");
        }

        Report(wrong);
        return new("Faults: clients leaving mid-export (host processor time over idle in the next 2 s)", busy, "s", Target: "< 0.4 s, then 200", Met: wrong.Count == 0);
    }

    /// <summary>A load of the serving warehouse killed half-way: the old one keeps serving, the next load is not blocked.</summary>
    private static async Task<IReadOnlyList<Measurement>> KilledLoadAsync(HttpClient client, string file, string scale)
    {
        AnsiConsole.MarkupLine("Fault: a load killed with SIGKILL half-way ...");
        var before = await LoadIdAsync(client);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { ChildProcess.Dll("observatory.dll"), "seed", "--replace", "--seed", "99", "--scale", scale, "--connection", $"Data Source={file}" })
        {
            start.ArgumentList.Add(argument);
        }

        using var seed = Process.Start(start)!;
        _ = seed.StandardOutput.ReadToEndAsync();
        _ = seed.StandardError.ReadToEndAsync();
        var waited = Stopwatch.StartNew();
        while (!(File.Exists(file + ".loading") && new FileInfo(file + ".loading").Length > 1024 * 1024) && !seed.HasExited && waited.Elapsed < TimeSpan.FromMinutes(2))
        {
            await Task.Delay(20);
        }

        var wrong = new List<string>();
        if (seed.HasExited)
        {
            wrong.Add("the load finished before it could be killed");
        }

        seed.Kill();
        await seed.WaitForExitAsync();
        wrong.AddRange(await ProbeAsync(client, accept: status => status == 200));
        if (await LoadIdAsync(client) != before)
        {
            wrong.Add("the warehouse served is not the one before the killed load");
        }

        var staging = Directory.GetFiles(Path.GetDirectoryName(file)!, Path.GetFileName(file) + ".loading*").Length;
        Report(wrong);
        List<Measurement> results =
        [
            new("Faults: a load killed half-way: the previous warehouse keeps serving", wrong.Count, "wrong answers", Target: "0", Met: wrong.Count == 0),
            new("Faults: a load killed half-way: staging files left until the next load", staging, "files"),
        ];

        var next = await ChildProcess.RunAsync("dotnet", [ChildProcess.Dll("observatory.dll"), "seed", "--replace", "--seed", "98", "--scale", scale, "--connection", $"Data Source={file}"]);
        var blocked = next.ExitCode != 0 ? $"the next load failed: {next.Error.Trim()}" : null;
        var left = Directory.GetFiles(Path.GetDirectoryName(file)!, Path.GetFileName(file) + ".loading*").Length;
        var recovered = await RecoveryAsync(client);
        var after = await LoadIdAsync(client);
        var problems = new List<string>();
        if (blocked is not null)
        {
            problems.Add(blocked);
        }

        if (left > 0)
        {
            problems.Add($"{left} staging files left after the next load");
        }

        if (after == before)
        {
            problems.Add("the host still serves the old load after the next one was published");
        }

        Report(problems);
        results.Add(new("Faults: the load after a killed one (seconds)", next.Elapsed.TotalSeconds, "s", Target: "succeeds, no staging left, served", Met: problems.Count == 0 && recovered is not null));
        return results;
    }

    /// <summary>PostgreSQL stopped and started again under a serving host (needs pg_ctlcluster and the right to use it).</summary>
    private static async Task<Measurement> PostgresRestartAsync(string connection, string scale)
    {
        const string What = "Faults: PostgreSQL stopped and started again";
        var cluster = Directory.Exists("/etc/postgresql") ? Directory.GetDirectories("/etc/postgresql").SelectMany(v => Directory.GetDirectories(v).Select(c => (Version: Path.GetFileName(v), Name: Path.GetFileName(c)))).FirstOrDefault() : default;
        if (cluster.Version is null || (await ChildProcess.RunAsync("pg_ctlcluster", [cluster.Version, cluster.Name, "status"])).ExitCode != 0)
        {
            AnsiConsole.MarkupLine("[yellow]PostgreSQL restart skipped[/]: no local cluster that pg_ctlcluster manages.");
            return new(What + " (skipped: no local cluster)", double.NaN, "s");
        }

        AnsiConsole.MarkupLine($"Fault: {What.Split(": ")[1]} ...");
        const string Schema = "observatory_faults";
        var seeded = await ChildProcess.RunAsync("dotnet", [ChildProcess.Dll("observatory.dll"), "seed", "--replace", "--provider", "PostgreSql", "--connection", connection, "--schema", Schema, "--scale", scale]);
        if (seeded.ExitCode != 0)
        {
            throw new InvalidOperationException($"Seeding PostgreSQL for the faults failed: {seeded.Error}");
        }

        await using var host = await FeedProcess.StartAsync("--Warehouse:Provider", "PostgreSql", "--ConnectionStrings:Warehouse", connection, "--Warehouse:Schema", Schema);
        using var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = Hang };
        await ExpectServingAsync(client);
        List<string> wrong;
        try
        {
            await ChildProcess.RunAsync("pg_ctlcluster", [cluster.Version, cluster.Name, "stop", "--", "-m", "fast"]);
            wrong = await ProbeAsync(client, accept: status => status == 503);
        }
        finally
        {
            await ChildProcess.RunAsync("pg_ctlcluster", [cluster.Version, cluster.Name, "start"]);
        }

        var recovered = await RecoveryAsync(client);
        return Outcome(What, wrong, recovered, "503 + Retry-After while down; 200 again by itself");
    }

    /// <summary>Every probe, each answered in time; the answers <paramref name="accept"/> refuses, described.</summary>
    private static async Task<List<string>> ProbeAsync(HttpClient client, Func<int, bool> accept)
    {
        var wrong = new List<string>();
        foreach (var (kind, url) in Probes)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                using var response = await SendAsync(client, kind, url);
                var body = await response.Content.ReadAsStringAsync();
                var status = (int)response.StatusCode;
                if (kind == "$batch" && status == 200 && body.Contains("\"status\":", StringComparison.Ordinal))
                {
                    // A batch is answered 200; its part carries the part's status.
                    status = int.Parse(System.Text.RegularExpressions.Regex.Match(body, "\"status\":(\\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
                }

                if (!accept(status))
                {
                    wrong.Add($"{kind}: {status} {body[..Math.Min(body.Length, 160)]}");
                }
                else if (status == 503 && kind != "$batch" && (response.Headers.RetryAfter is null || !body.Contains("\"error\"", StringComparison.Ordinal)))
                {
                    wrong.Add($"{kind}: 503 without Retry-After or an OData error");
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                wrong.Add($"{kind}: no answer after {clock.Elapsed.TotalSeconds:0.0} s ({e.Message})");
            }
        }

        return wrong;
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string kind, string url) => kind == "$batch"
        ? client.PostAsync(new Uri(url, UriKind.Relative), new StringContent("""{"requests":[{"id":"1","method":"GET","url":"Referrals/$count"}]}""", System.Text.Encoding.UTF8, "application/json"))
        : client.GetAsync(new Uri(url, UriKind.Relative));

    /// <returns>Seconds until every probe answered 200 again, or null if it never did.</returns>
    private static async Task<double?> RecoveryAsync(HttpClient client)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Recovery)
        {
            if ((await ProbeAsync(client, accept: status => status == 200)).Count == 0)
            {
                return clock.Elapsed.TotalSeconds;
            }

            await Task.Delay(250);
        }

        return null;
    }

    private static async Task ExpectServingAsync(HttpClient client)
    {
        if (await RecoveryAsync(client) is null)
        {
            throw new InvalidOperationException("The host does not answer every probe before any fault.");
        }
    }

    private static async Task<string> LoadIdAsync(HttpClient client) =>
        await client.GetStringAsync(new Uri("WarehouseLoads?$select=LoadId,CompletedUtc&$orderby=LoadId desc&$top=1", UriKind.Relative));

    private static async Task SeedAsync(string file, string scale)
    {
        var seeded = await ChildProcess.RunAsync("dotnet", [ChildProcess.Dll("observatory.dll"), "seed", "--scale", scale, "--connection", $"Data Source={file}"]);
        if (seeded.ExitCode != 0)
        {
            throw new InvalidOperationException($"Seeding the faults warehouse failed: {seeded.Output}{seeded.Error}");
        }
    }

    private static Measurement Outcome(string what, List<string> wrong, double? recovered, string target)
    {
        Report(wrong);
        if (recovered is null)
        {
            AnsiConsole.MarkupLine($"[red]  not answering again {Recovery.TotalSeconds:0} s after the cause went[/]");
        }

        return new($"{what} (seconds to answer again)", recovered ?? double.NaN, "s", Target: target, Met: wrong.Count == 0 && recovered is not null);
    }

    private static void Report(List<string> wrong)
    {
        foreach (var line in wrong.Take(8))
        {
            AnsiConsole.MarkupLine($"[red]  {Markup.Escape(line)}[/]");
        }
    }
}
