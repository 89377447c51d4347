using System.Net;
using System.Text.Json;
using Observatory.Access.Roles;
using Observatory.Tests.Support;
using Observatory.Warehouse;
using static Observatory.Tests.Security.ScopeAnswers;

namespace Observatory.Tests.Disclosure;

/// <summary>
/// Every way a caller at the controlled level can put a condition on data (docs: FeedAccess' remarks): conditions that
/// choose the person-level rows of a released count obey the categories-only rule of controlled $apply, and a range is
/// refused with what to write instead; conditions that only choose among released values (stored values, the
/// dimensions, steps after a controlled grouping) stay free. Researcher and Board (controlled by default), on both providers.
/// </summary>
public class ControlledConditionsTests(DemoWarehouses demo)
{
    private const string Range = "ReferralDateKey ge 20220401 and ReferralDateKey lt 20220701";
    private const string Categories = "ReferralDate/FinancialYear eq '2022/23' and Area/Borough eq 'Hackney'";
    private const string Grouped = "groupby((Ethnicity/BroadGroup),aggregate($count as n))";

    public static TheoryData<Role, WarehouseProvider> ControlledRoles =>
        new(new[] { Role.Researcher, Role.Board }.SelectMany(role => new[] { (role, WarehouseProvider.Sqlite), (role, WarehouseProvider.PostgreSql) }));

    [Theory]
    [MemberData(nameof(ControlledRoles))]
    public async Task ADateKeyRangeIsRefusedWhereverItWouldChooseCountedRowsAndCategoriesAreCounted(Role role, WarehouseProvider provider)
    {
        var options = await demo.GetAsync(provider);
        await using var host = new FeedHost(options);
        using var client = await ClientAsync(host, options, role);

        // The summary sets: refused whatever the condition, saying to count the facts by the period's category instead.
        foreach (var (set, range) in new[] { ("MonthlyReferrals", "MonthKey ge 20220401 and MonthKey lt 20220701"), ("MonthlyOutcomes", "MonthKey ge 20220401"),
                     ("YearlyHealthChecks", "PeriodEndDateKey ge 20220331") })
        {
            foreach (var url in new[] { $"{set}?$filter={range}", $"{set}/$count?$filter={range}", $"{set}?$apply=filter({range})/aggregate($count as n)" })
            {
                await RefusedAsync(client, url, "Forbidden", $"may not read {set}", "picking the period by its category", "FinancialYear eq '2022/23'");
            }
        }

        // A fact set's controlled counts: the same check (ControlledCounts.CheckCondition) by every route to it.
        foreach (var url in new[] { $"Referrals?$apply=filter({Range})/{Grouped}", $"Referrals/$count?$apply=filter({Range})/{Grouped}",
                     $"Referrals?$apply=filter({Range})/{Grouped}&$filter=n gt 0&$count=true", "Referrals?$apply=filter(Ethnicity/Code in ('A','B'))/aggregate($count as n)" })
        {
            await RefusedAsync(client, url, "Forbidden", "picks categories", "ReferralDate/FinancialYear eq '2022/23'");
        }

        await RefusedAsync(client, Evaluate("tt-referrals", "2022/23", "Hackney", "AgeBand/Name ne '11-15'"), "Forbidden", "picks categories");
        var parts = await BatchAsync(client, $"MonthlyReferrals?$filter=MonthKey ge 20220401", $"Referrals?$apply=filter({Range})/{Grouped}",
            $"Referrals?$apply=filter({Categories})/{Grouped}");
        Assert.Equal([(403, "Forbidden"), (403, "Forbidden"), (200, "")], parts);

        // Categories are counted, directly and live.
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, $"Referrals?$apply=filter({Categories})/{Grouped}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, Evaluate("tt-referrals", "2022/23", "Hackney", "Ethnicity/BroadGroup eq 'Black'"))).Status);
    }

    [Theory]
    [MemberData(nameof(ControlledRoles))]
    public async Task ConditionsThatChooseAmongReleasedValuesStayFreeAndReturnASubsetOfThem(Role role, WarehouseProvider provider)
    {
        var options = await demo.GetAsync(provider);
        await using var host = new FeedHost(options);
        using var client = await ClientAsync(host, options, role);

        // After a controlled grouping a range reads the released counts only: the groups it keeps are released groups, unchanged.
        var released = await ValuesAsync(client, $"Referrals?$apply=filter(ReferralDate/FinancialYear eq '2022/23')/{Grouped}");
        var kept = await ValuesAsync(client, $"Referrals?$apply=filter(ReferralDate/FinancialYear eq '2022/23')/{Grouped}&$filter=n ge 100 and Ethnicity/BroadGroup ne 'White'");
        Assert.NotEmpty(kept);
        Assert.True(kept.Count < released.Count, "the filter keeps some groups only");
        Assert.All(kept, row => Assert.Contains(row, released));

        // Stored values (at the controlled level) and dimensions: a range lists some of the rows the caller reads whole.
        var ranged = await CountAsync(client, "IndicatorValues/$count?$filter=PeriodStartKey ge 20220401 and PeriodStartKey lt 20230401 and Value gt 0.3");
        var whole = await CountAsync(client, "IndicatorValues/$count");
        var expected = (long)await WarehouseQueries.ScalarAsync(options, "SELECT COUNT(*) FROM \"IndicatorValues\" WHERE \"Disclosure\" = 'Controlled' AND " +
                                                                     "\"PeriodStartKey\" >= 20220401 AND \"PeriodStartKey\" < 20230401 AND \"Value\" > 0.3");
        Assert.Equal(expected, ranged);
        Assert.InRange(ranged, 1, whole - 1);
        Assert.InRange(await CountAsync(client, "Dates/$count?$filter=DateKey ge 20220401 and DateKey lt 20220701"), 90, 92);
        // The result of an evaluation is released values too.
        var live = await GetAsync(client, Evaluate("tt-referrals", "2022/23", "Hackney") + "?$filter=Value gt 0 or Numerator ge 10");
        Assert.Equal(HttpStatusCode.OK, live.Status);
    }

    private static async Task<List<string>> ValuesAsync(HttpClient client, string url)
    {
        var answer = await GetAsync(client, url);
        Assert.True(answer.Status == HttpStatusCode.OK, $"{url}: {answer.Body}");
        return [.. JsonDocument.Parse(answer.Body).RootElement.GetProperty("value").EnumerateArray().Select(r => r.GetRawText())];
    }
}
