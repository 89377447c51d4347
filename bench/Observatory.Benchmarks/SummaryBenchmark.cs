using Spectre.Console;

namespace Observatory.Benchmarks;

/// <summary>
/// Aggregate-aware $apply, end to end through the feed: board questions asked of the fact sets, answered from the
/// summary cube that keeps what they ask, side by side with the same URL on a host whose cubes are turned off
/// (<c>Feed:SummaryCubes=false</c>), which answers from the facts. Alternating rounds; median, p95 and spread.
/// </summary>
internal static class SummaryBenchmark
{
    private const double TargetMilliseconds = 20;

    private static readonly (string Name, string Url)[] Questions =
    [
        ("Recovery by ethnic group, TT, 2023/24",
            "Referrals?$apply=filter(Service/Code eq 'TT' and EndDate/FinancialYear eq '2023/24')/groupby((Ethnicity/BroadGroup),aggregate(Recovered with sum as RecoveredCount,FinishedAtCaseness with sum as FinishedAtCasenessCount))"),
        ("Recovery by age band for Black service users in Hackney, 2022/23",
            "Referrals?$apply=filter(Service/Code eq 'TT' and Ethnicity/BroadGroup eq 'Black' and Area/Borough eq 'Hackney' and EndDate/FinancialYear eq '2022/23')/groupby((AgeBand/Name),aggregate(Recovered with sum as RecoveredCount,FinishedAtCaseness with sum as FinishedAtCasenessCount))"),
        ("CAMHS referrals by month and ethnic group",
            "Referrals?$apply=filter(Service/Code eq 'CAMHS')/groupby((ReferralDate/MonthKey,Ethnicity/BroadGroup),aggregate($count as ReferralCount))"),
        ("Referrals by ethnic category and quarter, 2022/23",
            "Referrals?$apply=filter(ReferralDate/FinancialYear eq '2022/23')/groupby((ReferralDate/FinancialQuarter,Ethnicity/Code),aggregate($count as ReferralCount,EnteredTreatment with sum as Entered))"),
        ("Drop-out by gender and deprivation quintile, TT, 2023/24",
            "Referrals?$apply=filter(Service/Code eq 'TT' and EndDate/FinancialYear eq '2023/24')/groupby((Gender/Name,Area/ImdQuintile),aggregate(DroppedOut with sum as DroppedOutCount,EnteredTreatment with sum as Entered))"),
        ("Referrals by age band, gender and quintile, 2021/22",
            "Referrals?$apply=filter(ReferralDate/FinancialYear eq '2021/22')/groupby((AgeBand/Name,Gender/Code,Area/ImdQuintile),aggregate($count as ReferralCount))"),
        ("All six SMI checks by ethnic group and year",
            "HealthChecks?$apply=groupby((PeriodEndDate/FinancialYear,Ethnicity/BroadGroup),aggregate(AllSixChecks with sum as WithAllSix,$count as People))"),
    ];

    public static async Task<IReadOnlyList<Measurement>> RunAsync(BenchmarkSettings settings, FeedProcess host)
    {
        await using var facts = await FeedProcess.StartAsync("--ConnectionStrings:Warehouse", settings.SqliteConnection, "--Feed:SummaryCubes", "false");
        using var cubeClient = new HttpClient { BaseAddress = host.BaseAddress };
        using var factClient = new HttpClient { BaseAddress = facts.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        var results = new List<Measurement>();
        var all = new List<double>();
        foreach (var (name, url) in Questions)
        {
            AnsiConsole.MarkupLine($"Timing board question: {Markup.Escape(name)} ...");
            using (var first = await cubeClient.GetAsync(new Uri(url, UriKind.Relative)))
            {
                first.EnsureSuccessStatusCode();
                if (!first.Headers.Contains("Observatory-Answered-From"))
                {
                    throw new InvalidOperationException($"{name} was not answered from a summary cube.");
                }
            }

            var samples = await Timing.SamplesAsync(Math.Max(settings.Repeat, 20), warmUp: true,
                async () => (await cubeClient.GetAsync(new Uri(url, UriKind.Relative))).EnsureSuccessStatusCode(),
                async () => (await factClient.GetAsync(new Uri(url, UriKind.Relative))).EnsureSuccessStatusCode());
            var (cube, fromFacts) = (samples[0], samples[1]);
            all.AddRange(cube.Values.Select(v => v * 1000));
            var p95 = Percentile(cube.Values, 0.95) * 1000;
            results.Add(new($"Covered $apply, p95: {name}", p95, "ms", "facts (median)", fromFacts.Median * 1000, $"< {TargetMilliseconds} ms", p95 < TargetMilliseconds)
            {
                Spread = (cube.Min * 1000, cube.Max * 1000),
                BaselineSpread = (fromFacts.Min * 1000, fromFacts.Max * 1000),
            });
        }

        var overall = Percentile(all, 0.95);
        results.Add(new("Covered $apply, p95 of every question's rounds", overall, "ms", null, null, $"< {TargetMilliseconds} ms", overall < TargetMilliseconds)
        {
            Spread = (all.Min(), all.Max()),
        });
        return results;
    }

    private static double Percentile(IEnumerable<double> values, double share)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Ceiling(share * sorted.Count) - 1];
    }
}
