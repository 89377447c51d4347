using Spectre.Console;

namespace Observatory.Benchmarks;

/// <summary>A board question answered from a pre-aggregated set, end to end through the feed.</summary>
internal static class SummaryBenchmark
{
    private const double TargetMilliseconds = 20;

    private static readonly (string Name, string Url)[] Questions =
    [
        ("Recovery by ethnic group, TT, 2023/24",
            "MonthlyOutcomes?$apply=filter(Service/Code eq 'TT' and Month/FinancialYear eq '2023/24')/groupby((EthnicityGroup),aggregate(Recovered with sum as RecoveredCount,FinishedAtCaseness with sum as FinishedAtCasenessCount))"),
        ("Referrals by month and ethnic group, CAMHS",
            "MonthlyReferrals?$apply=filter(Service/Code eq 'CAMHS')/groupby((MonthKey,EthnicityGroup),aggregate(Referrals with sum as ReferralCount))"),
        ("All six SMI checks by borough and year",
            "YearlyHealthChecks?$apply=groupby((PeriodEndDateKey,Borough),aggregate(AllSixChecks with sum as WithAllSix,People with sum as PeopleOnRegister))"),
    ];

    public static async Task<IReadOnlyList<Measurement>> RunAsync(BenchmarkSettings settings, FeedProcess host)
    {
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        var results = new List<Measurement>();
        foreach (var (name, url) in Questions)
        {
            AnsiConsole.MarkupLine($"Timing board question: {Markup.Escape(name)} ...");
            var time = await Timing.MedianAsync(settings.Repeat, async () => (await client.GetAsync(new Uri(url, UriKind.Relative))).EnsureSuccessStatusCode());
            results.Add(new($"Board question: {name}", time, "ms", "target", TargetMilliseconds, $"< {TargetMilliseconds} ms", time < TargetMilliseconds));
        }

        return results;
    }
}
