using System.Globalization;
using System.Net;
using System.Text.Json;
using Observatory.Access.Roles;
using Observatory.Indicators.Disclosure;
using Observatory.Tests.Support;
using Observatory.Warehouse;

namespace Observatory.Tests.Disclosure;

/// <summary>
/// A researcher counting fact rows through $apply: every count released by its cell key (the same perturbation the
/// stored values get), withheld from 1 to 7, groups listed only above the threshold; and everything else refused.
/// </summary>
public class ControlledCountsTests(DemoWarehouses demo)
{
    private static readonly CellKeys Keys = new(DisclosureRules.Default);

    [Theory]
    [MemberData(nameof(TestLocation.Providers), MemberType = typeof(TestLocation))]
    public async Task EveryCountAResearcherGetsIsReleasedByItsCellKeyAndOnlyGroupsAboveTheThresholdAreListed(WarehouseProvider provider)
    {
        var options = await demo.GetAsync(provider);
        await using var host = new FeedHost(options);
        using var client = await ClientAsync(host, options, Role.Researcher);
        var released = await RowsAsync(client,
            "Referrals?$apply=filter(ReferralDate/FinancialYear eq '2022/23')/groupby((Ethnicity/Code,Area/Borough),aggregate($count as Referrals,Recovered with sum as RecoveredReferrals,PersonId with countdistinct as People))");
        var truth = await WarehouseQueries.RowsAsync(options,
            "SELECT e.\"Code\", a.\"Borough\", COUNT(*), SUM(r.\"RecordKey\"), SUM(r.\"Recovered\"), SUM(r.\"RecordKey\" * r.\"Recovered\"), " +
            "COUNT(DISTINCT r.\"PersonId\"), SUM(DISTINCT r.\"PersonRecordKey\") FROM \"Referrals\" r JOIN \"Ethnicities\" e ON e.\"EthnicityKey\" = r.\"EthnicityKey\" " +
            "JOIN \"Areas\" a ON a.\"AreaKey\" = r.\"AreaKey\" JOIN \"Dates\" d ON d.\"DateKey\" = r.\"ReferralDateKey\" WHERE d.\"FinancialYear\" = '2022/23' GROUP BY e.\"Code\", a.\"Borough\"");

        var expected = new Dictionary<string, long?[]>();
        foreach (var row in truth)
        {
            long At(int i) => Convert.ToInt64(row[i], CultureInfo.InvariantCulture);
            var counts = new[] { (At(2), At(3)), (At(4), At(5)), (At(6), At(7)) };
            if (counts.Any(c => Keys.Publish(c.Item1, c.Item2) > DisclosureRules.Default.SuppressAtMost))
            {
                expected[$"{row[0]}|{row[1]}"] = [.. counts.Select(c => Keys.Release(c.Item1, c.Item2))];
            }
        }

        Assert.True(truth.Count > expected.Count, "some groups are too small to list");
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), released.Keys.Order(StringComparer.Ordinal));
        foreach (var (group, values) in released)
        {
            Assert.Equal(expected[group], values);
        }

        Assert.Contains(released.Values, v => v.Contains(null));
    }

    [Fact]
    public async Task AskingForTheSameCellAgainOrAnotherWayGivesTheSameCount()
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        await using var host = new FeedHost(options);
        using var client = await ClientAsync(host, options, Role.Researcher);

        var byBorough = await RowsAsync(client, "Referrals?$apply=groupby((Area/Borough),aggregate($count as n))");
        var filtered = await RowsAsync(client, "Referrals?$apply=filter(Area/Borough eq 'City of London')/aggregate($count as n)");
        var filteredOtherwise = await RowsAsync(client, "Referrals?$apply=filter('City of London' eq Area/Borough)/groupby((Area/Borough),aggregate($count as n))");
        var again = await RowsAsync(client, "Referrals?$apply=groupby((Area/Borough),aggregate($count as n))");

        Assert.Equal(byBorough["City of London"], filtered[""]);
        Assert.Equal(byBorough["City of London"], filteredOtherwise["City of London"]);
        Assert.Equal(byBorough, again);
    }

    [Theory]
    [InlineData("Referrals?$apply=aggregate(WaitToTreatmentDays with average as Wait)", "only counts are released")]
    [InlineData("Referrals?$apply=aggregate(SessionsAttended with sum as Sessions)", "only counts are released")]
    [InlineData("Referrals?$apply=aggregate(ReferralDateKey with max as Latest)", "only counts are released")]
    [InlineData("Referrals?$apply=groupby((PersonId),aggregate($count as n))", "grouped by the attributes of dimensions")]
    [InlineData("Referrals?$apply=groupby((WaitToTreatmentDays),aggregate($count as n))", "grouped by the attributes of dimensions")]
    [InlineData("Referrals?$apply=filter(ReferralId eq 1)/aggregate($count as n)", "may not use ReferralId")]
    [InlineData("Referrals?$apply=filter(PersonId lt 100)/aggregate($count as n)", "may not use PersonId")]
    [InlineData("Referrals?$apply=filter(Area/Borough ne 'Hackney')/aggregate($count as n)", "picks categories")]
    [InlineData("Referrals?$apply=filter(Ethnicity/Code in ('A','B'))/aggregate($count as n)", "picks categories")]
    [InlineData("Referrals?$apply=filter(Ethnicity/Code eq 'A' or Ethnicity/Code eq 'B')/aggregate($count as n)", "picks categories")]
    [InlineData("Referrals?$apply=filter(WaitToTreatmentDays gt 126)/aggregate($count as n)", "picks categories")]
    [InlineData("Referrals?$apply=filter(ReferralDateKey ge 20220401)/aggregate($count as n)", "picks categories")]
    [InlineData("Referrals?$apply=filter(WaitToTreatmentDays eq 30)/aggregate($count as n)", "picks categories")]
    [InlineData("Appointments?$apply=filter(ReferralId eq 1)/aggregate($count as n)", "may not use ReferralId")]
    [InlineData("Referrals?$apply=compute(WaitToTreatmentDays mul 2 as Doubled)/groupby((Doubled),aggregate($count as n))", "compute may not come before")]
    [InlineData("Referrals?$top=1", "may not read Referrals")]
    [InlineData("Referrals(1)", "may not read Referrals")]
    [InlineData("Referrals/$count", "may not read Referrals")]
    [InlineData("Population?$apply=aggregate($count as n)", "may not read Population")]
    public async Task AnythingButCountsIsRefusedWithTheReason(string url, string reason)
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        await using var host = new FeedHost(options);
        using var client = await ClientAsync(host, options, Role.Researcher);

        using var response = await client.GetAsync(new Uri("/odata/" + url, UriKind.Relative), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains(reason, JsonDocument.Parse(body).RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAnalystStillGetsExactCountsAndStepsAfterTheGroupingReadOnlyReleasedValues()
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        await using var host = new FeedHost(options);
        using var analyst = await ClientAsync(host, options, Role.Analyst);
        using var researcher = await ClientAsync(host, options, Role.Researcher);
        const string Query = "Referrals?$apply=groupby((Ethnicity/Code),aggregate($count as n))";

        var exact = await RowsAsync(analyst, Query);
        var released = await RowsAsync(researcher, Query);
        var total = Convert.ToInt64(await WarehouseQueries.ScalarAsync(options, "SELECT COUNT(*) FROM \"Referrals\""), CultureInfo.InvariantCulture);
        // A sum of the released counts is all a later step can see.
        var summed = await RowsAsync(researcher, Query + "/aggregate(n with sum as Total)");
        var regrouped = await RowsAsync(analyst, "Referrals?$apply=groupby((Ethnicity/Code,Area/Borough),aggregate($count as n))/groupby((Ethnicity/Code),aggregate(n with sum as Total))");

        Assert.Equal(total, exact.Values.Sum(v => v[0]));
        Assert.Equal(exact, regrouped);
        Assert.NotEqual(exact, released);
        Assert.Equal(released.Values.Sum(v => v[0] ?? 0), summed[""][0]);
    }

    private static async Task<HttpClient> ClientAsync(FeedHost host, WarehouseOptions options, Role role)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", await TestKeys.CreateAsync(options, role));
        return client;
    }

    /// <summary>The rows of a grouped result by their grouped values (joined with '|'), each with its counts in order.</summary>
    private static async Task<Dictionary<string, long?[]>> RowsAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri("/odata/" + url, UriKind.Relative), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {body}");
        var rows = new Dictionary<string, long?[]>();
        foreach (var row in JsonDocument.Parse(body).RootElement.GetProperty("value").EnumerateArray())
        {
            var groups = new List<string>();
            var counts = new List<long?>();
            foreach (var property in row.EnumerateObject().Where(p => !p.Name.Contains('@', StringComparison.Ordinal)))
            {
                if (property.Value.ValueKind == JsonValueKind.Object)
                {
                    groups.AddRange(property.Value.EnumerateObject().Where(p => !p.Name.Contains('@', StringComparison.Ordinal)).Select(p => p.Value.ToString()));
                }
                else
                {
                    // Edm.Decimal and Edm.Int64 may come as strings (IEEE754Compatible).
                    counts.Add(property.Value.ValueKind switch
                    {
                        JsonValueKind.Null => null,
                        JsonValueKind.String => long.Parse(property.Value.GetString()!, CultureInfo.InvariantCulture),
                        _ => property.Value.GetInt64(),
                    });
                }
            }

            rows[string.Join('|', groups)] = [.. counts];
        }

        return rows;
    }
}
