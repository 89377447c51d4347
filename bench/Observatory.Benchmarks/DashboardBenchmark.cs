using System.Globalization;
using Microsoft.Playwright;
using Spectre.Console;

namespace Observatory.Benchmarks;

/// <summary>
/// The board dashboards in Debian's Chromium against the host on the benchmark warehouse: how long from navigation
/// until every tile of a page has painted, and from a slicer or cross-filter change until every tile has painted
/// again, as the page itself records it (<c>window.observatoryPaints</c>, in ms from navigation). Views and changes are
/// measured in alternating rounds after an untimed one, each in a fresh page (the browser's cache keeps the script, as
/// for a returning reader); the median, the 95th percentile and the range are reported for each and for all.
/// </summary>
internal static class DashboardBenchmark
{
    private const double PaintTargetMilliseconds = 1500;
    private const double ChangeTargetMilliseconds = 300;
    private const string Chromium = "/usr/bin/chromium";

    private sealed record View(string Name, string Path);

    /// <summary>A change made in the page as a reader would make it: a script that picks a slicer value or clicks a filter.</summary>
    private sealed record Change(string Name, string Path, string Script);

    private static readonly View[] Views =
    [
        new("Overview", "dashboards/overview"),
        new("Talking Therapies: by ethnic group", "dashboards/talking-therapies"),
        new("Talking Therapies: deprivation", "dashboards/talking-therapies?page=deprivation"),
        new("CAMHS", "dashboards/camhs"),
        new("SMI health checks", "dashboards/smi-health-checks"),
        new("Growing Minds", "dashboards/growing-minds"),
        new("Data completeness", "dashboards/data-completeness"),
    ];

    private static readonly Change[] Changes =
    [
        new("Talking Therapies: age band slicer", "dashboards/talking-therapies", Select("age-band", "25-34")),
        new("Talking Therapies: period slicer", "dashboards/talking-therapies", "const s = document.querySelector('#slicer-period'); s.value = s.options[1].value; s.dispatchEvent(new Event('change'));"),
        new("Overview: cross-filter Black", "dashboards/overview", "[...document.querySelectorAll('.tile-bar button')].find(b => b.textContent === 'Filter by Black').click();"),
        new("CAMHS: gender slicer", "dashboards/camhs", Select("gender", "Female (including trans woman)")),
        new("SMI health checks: IMD quintile slicer", "dashboards/smi-health-checks", Select("imd-quintile", "1")),
        new("Data completeness: service slicer", "dashboards/data-completeness", Select("service", "TT")),
    ];

    public static async Task<IReadOnlyList<Measurement>> RunAsync(BenchmarkSettings settings, FeedProcess host, string variant)
    {
        if (!File.Exists(Chromium))
        {
            AnsiConsole.MarkupLine($"[yellow]Dashboards skipped[/]: Chromium is not installed at {Chromium} (apt-get install chromium).");
            return [];
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium, Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"],
        });
        await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
        var root = new Uri(host.BaseAddress, "/");
        var rounds = Math.Max(settings.Rounds, 10);
        AnsiConsole.MarkupLine($"Opening {Views.Length} dashboard pages and making {Changes.Length} changes in Chromium at the controlled level, {Markup.Escape(variant)}: {rounds} alternating rounds ...");
        var paints = Views.Select(_ => new List<double>()).ToArray();
        var changes = Changes.Select(_ => new List<double>()).ToArray();
        for (var round = -1; round < rounds; round++)
        {
            for (var v = 0; v < Views.Length; v++)
            {
                var page = await context.NewPageAsync();
                await page.GotoAsync(new Uri(root, Views[v].Path).ToString());
                var painted = await PaintedAsync(page, 1);
                if (round >= 0)
                {
                    paints[v].Add(painted);
                }

                await page.CloseAsync();
            }

            for (var c = 0; c < Changes.Length; c++)
            {
                var page = await context.NewPageAsync();
                await page.GotoAsync(new Uri(root, Changes[c].Path).ToString());
                await PaintedAsync(page, 1);
                var started = await page.EvaluateAsync<double>($"() => {{ const t = performance.now(); {Changes[c].Script} return t; }}");
                var painted = await PaintedAsync(page, 2);
                if (round >= 0)
                {
                    changes[c].Add(painted - started);
                }

                await page.CloseAsync();
            }
        }

        var table = new Table().AddColumns("Dashboard page or change", "Median", "p95", "Range");
        var results = new List<Measurement>();
        results.AddRange(Summarise($"Dashboards ({variant}): navigation to every tile painted", Views.Select(v => v.Name), paints, PaintTargetMilliseconds, table));
        results.AddRange(Summarise($"Dashboards ({variant}): change to every tile painted again", Changes.Select(c => c.Name), changes, ChangeTargetMilliseconds, table));
        AnsiConsole.Write(table);
        return results;
    }

    private static string Select(string slicer, string value) =>
        $"const s = document.querySelector('#slicer-{slicer}'); s.value = {System.Text.Json.JsonSerializer.Serialize(value)}; s.dispatchEvent(new Event('change'));";

    /// <summary>Waits for the page's <paramref name="count"/>th paint and returns when it happened (ms from navigation).</summary>
    private static async Task<double> PaintedAsync(IPage page, int count)
    {
        await page.WaitForFunctionAsync($"() => (window.observatoryPaints || []).length >= {count}", null, new() { Timeout = 120_000 });
        var failed = await page.EvaluateAsync<int>("() => document.querySelectorAll('.tile[data-state=\"error\"]').length");
        if (failed > 0)
        {
            throw new InvalidOperationException($"{page.Url}: {failed} tiles failed: {await page.EvaluateAsync<string>("() => [...document.querySelectorAll('.tile[data-state=\"error\"] .status')].map(s => s.textContent).join('; ')")}");
        }

        return await page.EvaluateAsync<double>($"() => window.observatoryPaints[{count - 1}]");
    }

    private static IEnumerable<Measurement> Summarise(string what, IEnumerable<string> names, List<double>[] times, double target, Table table)
    {
        foreach (var (name, sample) in names.Zip(times))
        {
            var sorted = sample.Order().ToList();
            table.AddRow(Markup.Escape(name), Ms(Percentile(sorted, 0.5)), Ms(Percentile(sorted, 0.95)), $"{Ms(sorted[0])} to {Ms(sorted[^1])}");
            yield return new($"{what}: {name}, p95", Percentile(sorted, 0.95), "ms", "median", Percentile(sorted, 0.5), $"< {target:N0} ms", Percentile(sorted, 0.95) < target)
            {
                Spread = (sorted[0], sorted[^1]),
            };
        }

        var all = times.SelectMany(t => t).Order().ToList();
        yield return new($"{what}: all ({all.Count}), p95", Percentile(all, 0.95), "ms", "median", Percentile(all, 0.5), $"< {target:N0} ms", Percentile(all, 0.95) < target)
        {
            Spread = (all[0], all[^1]),
        };
    }

    private static double Percentile(List<double> sorted, double fraction) =>
        sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(fraction * sorted.Count) - 1)];

    private static string Ms(double value) => value.ToString("0", CultureInfo.InvariantCulture) + " ms";
}
