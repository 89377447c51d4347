using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace Observatory.Benchmarks;

/// <summary>
/// Indicators evaluated live (<c>Indicators('id')/Observatory.Evaluate(...)</c>) end to end through the feed: twenty
/// slices across the catalogue, each a single breakdown with up to three filter conditions, over every kind of fact set,
/// period date and period (years, quarters, a month, 12 months, a run of days), rates and means among them. The slices
/// are asked in alternating rounds, after one untimed round, so that the machine's drift falls on all of them alike;
/// the median, 95th percentile and range are reported over every request, and by kind of slice.
/// </summary>
internal static class LiveIndicatorBenchmark
{
    private const double TargetP95Milliseconds = 300;

    /// <summary>The fewest rounds: a 95th percentile needs a hundred or more requests.</summary>
    private const int MinimumRounds = 10;

    private sealed record Slice(string Kind, string Name, string Url);

    private static readonly Slice[] Slices =
    [
        new("year", "TT recovery by ethnic group, 2022/23", Evaluate("tt-recovery", "2022/23", breakdown: "ethnic-group")),
        new("year", "TT referrals by ethnic category, 2022/23", Evaluate("tt-referrals", "2022/23", breakdown: "ethnic-category")),
        new("year", "TT entered treatment by sexual orientation, 2022/23", Evaluate("tt-entered-treatment", "2022/23", breakdown: "sexual-orientation")),
        new("year", "TT treated within 6 weeks by disability, Hackney, 2021/22", Evaluate("tt-wait-6-weeks", "2021/22", "Hackney", "disability")),
        new("year", "SMI all six checks by ethnic category, 2022/23", Evaluate("smi-all-six", "2022/23", breakdown: "ethnic-category")),
        new("year", "Ethnicity known by service, 2022/23", Evaluate("completeness-ethnicity-known", "2022/23", breakdown: "service")),
        new("year", "CAMHS mean wait to first contact by gender, 2022/23", Evaluate("camhs-wait-first-contact", "2022/23", breakdown: "gender")),
        new("year", "Family Action counselling completions by ethnic group, 2021/22", Evaluate("gm-counselling-completions", "2021/22", breakdown: "ethnic-group")),
        new("year", "Tree of Life mean wellbeing change by gender, 2022/23", Evaluate("gm-tol-wellbeing-change", "2022/23", breakdown: "gender")),
        new("year, filtered", "TT recovery by age band, Black, Hackney, 2022/23",
            Evaluate("tt-recovery", "2022/23", "Hackney", "age-band", "Ethnicity/BroadGroup eq 'Black'")),
        new("year, filtered", "TT recovery by ethnic group, women aged 18-24, Hackney, 2022/23",
            Evaluate("tt-recovery", "2022/23", "Hackney", "ethnic-group", "AgeBand/Name eq '18-24' and Gender/Name eq 'Female (including trans woman)'")),
        new("year, filtered", "TT drop-out by IMD quintile, Asian, Hackney, no disability, 2023/24",
            Evaluate("tt-dropout", "2023/24", breakdown: "imd-quintile", filter: "Ethnicity/BroadGroup eq 'Asian' and Area/Borough eq 'Hackney' and Disability/Name eq 'No disability'")),
        new("year, filtered", "CAMHS referrals by ethnic group, most deprived fifth, 2022/23",
            Evaluate("camhs-referrals", "2022/23", breakdown: "ethnic-group", filter: "Area/ImdQuintile eq 1")),
        new("year, filtered", "SMI blood pressure by age band, White women, City of London, 2021/22",
            Evaluate("smi-blood-pressure", "2021/22", "City of London", "age-band", "Ethnicity/BroadGroup eq 'White' and Gender/Name eq 'Female (including trans woman)'")),
        new("rate", "TT access rate by ethnic group, aged 25-34, 2022/23",
            Evaluate("tt-access-rate", "2022/23", breakdown: "ethnic-group", filter: "AgeBand/Name eq '25-34'")),
        new("rate", "CAMHS referral rate by age band, Hackney, 2021/22", Evaluate("camhs-referral-rate", "2021/22", "Hackney", "age-band")),
        new("quarter, month, 12 months", "TT referrals by gender, City of London, Q3 2022/23", Evaluate("tt-referrals", "Q3 2022/23", "City of London", "gender")),
        new("quarter, month, 12 months", "TT finished a course by age band, 2023-01", Evaluate("tt-finished-course", "2023-01", breakdown: "age-band")),
        new("quarter, month, 12 months", "TT reliable recovery by ethnic group, 12 months to 2023-09",
            Evaluate("tt-reliable-recovery", "12 months to 2023-09", breakdown: "ethnic-group")),
        new("run of days", "TT recovery by IMD quintile, men, 2022-04-01 to 2022-09-30",
            Evaluate("tt-recovery", "2022-04-01/2022-09-30", breakdown: "imd-quintile", filter: "Gender/Name eq 'Male (including trans man)'")),
    ];

    public static async Task<IReadOnlyList<Measurement>> RunAsync(BenchmarkSettings settings, FeedProcess host)
    {
        using var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        var rounds = Math.Max(settings.Rounds, MinimumRounds);
        AnsiConsole.MarkupLine($"Evaluating {Slices.Length} live indicator slices: {rounds} alternating rounds ...");
        var times = Slices.Select(_ => new List<double>()).ToArray();
        for (var round = -1; round < rounds; round++)
        {
            for (var s = 0; s < Slices.Length; s++)
            {
                var clock = Stopwatch.StartNew();
                using var response = await client.GetAsync(new Uri(Slices[s].Url, UriKind.Relative));
                await response.Content.ReadAsByteArrayAsync();
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"{Slices[s].Name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }

                if (round >= 0)
                {
                    times[s].Add(clock.Elapsed.TotalMilliseconds);
                }
            }
        }

        var table = new Table().AddColumns("Slice", "Kind", "Median", "p95", "Range");
        for (var s = 0; s < Slices.Length; s++)
        {
            var sorted = times[s].Order().ToList();
            table.AddRow(Markup.Escape(Slices[s].Name), Markup.Escape(Slices[s].Kind), Ms(Percentile(sorted, 0.5)), Ms(Percentile(sorted, 0.95)), $"{Ms(sorted[0])} to {Ms(sorted[^1])}");
        }

        AnsiConsole.Write(table);
        var all = times.SelectMany(t => t).Order().ToList();
        var p95 = Percentile(all, 0.95);
        var results = new List<Measurement>
        {
            new($"Live indicators: every slice ({all.Count} requests), p95", p95, "ms", "median", Percentile(all, 0.5), $"< {TargetP95Milliseconds:N0} ms", p95 < TargetP95Milliseconds)
            {
                Spread = (all[0], all[^1]),
            },
        };
        foreach (var kind in Slices.Select(s => s.Kind).Distinct())
        {
            var ofKind = Slices.Select((slice, i) => (slice, i)).Where(p => p.slice.Kind == kind).SelectMany(p => times[p.i]).Order().ToList();
            results.Add(new($"Live indicators: {kind} ({ofKind.Count} requests), p95", Percentile(ofKind, 0.95), "ms", "median", Percentile(ofKind, 0.5))
            {
                Spread = (ofKind[0], ofKind[^1]),
            });
        }

        return results;
    }

    /// <summary>The function's URL, relative to the feed's root, each parameter a string literal (quotes doubled, escaped for the path).</summary>
    private static string Evaluate(string indicator, string period, string? area = null, string? breakdown = null, string? filter = null)
    {
        var parameters = new[] { ("period", period), ("area", area), ("breakdown", breakdown), ("filter", filter) }
            .Where(p => p.Item2 is not null).Select(p => $"{p.Item1}='{Uri.EscapeDataString(p.Item2!.Replace("'", "''", StringComparison.Ordinal))}'");
        return $"Indicators('{indicator}')/Observatory.Evaluate({string.Join(",", parameters)})";
    }

    private static double Percentile(List<double> sorted, double fraction) =>
        sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(fraction * sorted.Count) - 1)];

    private static string Ms(double value) => value.ToString("0.0", CultureInfo.InvariantCulture) + " ms";
}
