using System.Globalization;
using System.Net;
using System.Text.Json;
using Observatory.Access.Roles;
using Observatory.Indicators.Catalogue;
using Observatory.Indicators.Statistics;
using Observatory.Tests.Support;
using Observatory.Warehouse;

namespace Observatory.Tests.Indicators;

/// <summary>
/// Indicators('id')/Observatory.Evaluate(...): every stored value of a year reproduced live at both levels, a filter
/// against hand-written SQL over the facts, the refusals, and a scoped caller, on both providers.
/// </summary>
public class LiveIndicatorTests(DemoWarehouses demo)
{
    private const string Year = "2022/23";

    /// <summary>What a live row carries differently from the stored one: no row identifier, and no trend (it needs earlier periods).</summary>
    private static readonly HashSet<string> NotCompared = ["IndicatorValueId", "Trend", "TrendMeaning"];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>
    /// For every stored value of one financial year at the caller's level (every indicator given by year, every area,
    /// every breakdown, every group, and at the controlled level every total), Evaluate for the same year, area and
    /// breakdown gives the same groups with the same numerator, denominator, value, intervals, comparisons and slope index,
    /// to the last bit.
    /// </summary>
    [Theory]
    [InlineData(WarehouseProvider.Sqlite, "Unrestricted")]
    [InlineData(WarehouseProvider.PostgreSql, "Unrestricted")]
    [InlineData(WarehouseProvider.Sqlite, "Controlled")]
    [InlineData(WarehouseProvider.PostgreSql, "Controlled")]
    public async Task EveryStoredValueOfAYearIsWhatEvaluateGives(WarehouseProvider provider, string level)
    {
        var options = await demo.GetAsync(provider);
        await using var host = new FeedHost(options);
        // The demo's anonymous caller reads unrestricted values; a researcher's key, controlled ones.
        using var client = level == "Controlled" ? await ClientAsync(host, options, Role.Researcher) : host.CreateClient();
        var stored = new List<(string Indicator, IGrouping<(string Area, string Breakdown), JsonElement> Rows)>();
        foreach (var indicator in IndicatorCatalogue.Load().Indicators.Where(i => i.Periods.Contains(PeriodType.FinancialYear)))
        {
            var rows = await RowsAsync(client, $"IndicatorValues?$filter=IndicatorId eq '{indicator.Id}' and PeriodType eq 'FinancialYear' and Period eq '{Year}'");
            Assert.All(rows, s => Assert.Equal(level, s.GetProperty("Disclosure").GetString()));
            stored.AddRange(rows.GroupBy(s => (s.GetProperty("Area").GetString()!, s.GetProperty("Breakdown").GetString()!)).Select(g => (indicator.Id, g)));
        }

        // Four slices at a time: the host's lane of fact queries takes them in turn.
        var mismatches = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await Parallel.ForEachAsync(stored, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = Cancel }, async (slice, _) =>
        {
            var (area, breakdown) = slice.Rows.Key;
            var rows = await RowsAsync(client, Evaluate(slice.Indicator, Year, area, breakdown));
            // The overall figure first, then the breakdown's groups (the overall figure is compared in a slice of its own).
            Assert.Equal("overall", rows[0].GetProperty("Breakdown").GetString());
            var live = rows.Where(r => r.GetProperty("Breakdown").GetString() == breakdown).ToDictionary(r => r.GetProperty("GroupCode").GetString()!);
            Assert.Equal(slice.Rows.Select(s => s.GetProperty("GroupCode").GetString()).Order(StringComparer.Ordinal), live.Keys.Order(StringComparer.Ordinal));
            foreach (var row in slice.Rows)
            {
                var twin = live[row.GetProperty("GroupCode").GetString()!];
                foreach (var property in row.EnumerateObject().Where(p => !NotCompared.Contains(p.Name) && !Same(p.Value, twin.GetProperty(p.Name))))
                {
                    mismatches.Enqueue($"{slice.Indicator} {area} {breakdown} {row.GetProperty("GroupCode")}: {property.Name} stored {property.Value}, live {twin.GetProperty(property.Name)}");
                }
            }
        });

        var values = stored.Sum(s => s.Rows.Count());
        var slices = stored.Count;
        TestContext.Current.SendDiagnosticMessage($"{provider}, {level}: {values:N0} stored values of {Year} in {slices:N0} slices compared with Evaluate.");
        Assert.True(values > (level == "Controlled" ? 3_000 : 2_500), $"{values} values compared");
        Assert.True(mismatches.IsEmpty, $"{mismatches.Count} differences, first: {string.Join("; ", mismatches.Take(10))}");
    }

    /// <summary>Recovery by age band for Black service users in Hackney in 2022/23, against SQL over the facts.</summary>
    [Theory]
    [MemberData(nameof(TestLocation.Providers), MemberType = typeof(TestLocation))]
    public async Task AFilterNarrowsTheSliceToTheRowsHandWrittenSqlCounts(WarehouseProvider provider)
    {
        var options = await demo.GetAsync(provider);
        await using var host = new FeedHost(options);
        using var client = host.CreateClient();
        // Recovery rate per NHS Digital: recovered / (finished treatment - not at caseness), referrals ending in the year.
        var facts = (await WarehouseQueries.RowsAsync(options,
                "SELECT b.\"Name\", SUM(r.\"Recovered\"), SUM(r.\"FinishedAtCaseness\") FROM \"Referrals\" r " +
                "JOIN \"Services\" s ON s.\"ServiceKey\" = r.\"ServiceKey\" JOIN \"Ethnicities\" e ON e.\"EthnicityKey\" = r.\"EthnicityKey\" " +
                "JOIN \"Areas\" a ON a.\"AreaKey\" = r.\"AreaKey\" JOIN \"AgeBands\" b ON b.\"AgeBandKey\" = r.\"AgeBandKey\" " +
                "WHERE s.\"Code\" = 'TT' AND r.\"EndDateKey\" BETWEEN 20220401 AND 20230331 AND e.\"BroadGroup\" = 'Black' AND a.\"Borough\" = 'Hackney' " +
                "GROUP BY b.\"Name\""))
            .ToDictionary(r => (string)r[0]!, r => (Recovered: Convert.ToDouble(r[1], CultureInfo.InvariantCulture), AtCaseness: Convert.ToDouble(r[2], CultureInfo.InvariantCulture)));

        var live = await RowsAsync(client, Evaluate("tt-recovery", Year, "Hackney", "age-band", "Ethnicity/BroadGroup eq 'Black'"));
        var everyone = Assert.Single(await RowsAsync(client, Evaluate("tt-recovery", Year, "Hackney")));

        Assert.True(facts.Count >= 5, $"{facts.Count} age bands");
        var overall = Assert.Single(live, r => r.GetProperty("Breakdown").GetString() == "overall");
        Assert.Equal(facts.Values.Sum(f => f.Recovered), overall.GetProperty("Numerator").GetDouble());
        Assert.Equal(facts.Values.Sum(f => f.AtCaseness), overall.GetProperty("Denominator").GetDouble());
        Assert.True(overall.GetProperty("Denominator").GetDouble() < everyone.GetProperty("Denominator").GetDouble() / 4, "the filter narrows the slice");
        foreach (var group in live.Where(r => r.GetProperty("Breakdown").GetString() == "age-band"))
        {
            var (n, d) = facts.GetValueOrDefault(group.GetProperty("GroupCode").GetString()!);
            Assert.Equal((n, d), (group.GetProperty("Numerator").GetDouble(), group.GetProperty("Denominator").GetDouble()));
            if (d > 0)
            {
                var wilson = Proportions.Wilson(n, d, ConfidenceLevel.NinetyFive);
                Assert.Equal(n / d, group.GetProperty("Value").GetDouble(), 12);
                Assert.Equal((wilson.Lower, wilson.Upper), (group.GetProperty("Lower95").GetDouble(), group.GetProperty("Upper95").GetDouble()));
                Assert.Equal(overall.GetProperty("Value").GetDouble(), group.GetProperty("OverallValue").GetDouble());
            }
        }
    }

    /// <summary>A run of days counts the referrals of exactly those days, as SQL over the facts does.</summary>
    [Fact]
    public async Task ARunOfDaysCountsTheRowsOfThoseDays()
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        await using var host = new FeedHost(options);
        var referrals = await WarehouseQueries.ScalarAsync(options,
            "SELECT COUNT(*) FROM \"Referrals\" r JOIN \"Services\" s ON s.\"ServiceKey\" = r.\"ServiceKey\" " +
            "WHERE s.\"Code\" = 'TT' AND r.\"ReferralDateKey\" BETWEEN 20220410 AND 20220523");

        var value = Assert.Single(await RowsAsync(host.CreateClient(), Evaluate("tt-referrals", "2022-04-10/2022-05-23")));

        Assert.True(referrals > 100, $"{referrals} referrals");
        Assert.Equal(referrals, value.GetProperty("Numerator").GetDouble());
        Assert.Equal(("DateRange", 20220410, 20220523), (value.GetProperty("PeriodType").GetString(), value.GetProperty("PeriodStartKey").GetInt32(), value.GetProperty("PeriodEndKey").GetInt32()));
    }

    [Theory]
    [InlineData("Indicators('tt-nothing')/Observatory.Evaluate(period='2022/23')", HttpStatusCode.NotFound, "There is no Indicators('tt-nothing')")]
    [InlineData("Indicators('tt-recovery')/Observatory.Evaluate(period='2022')", HttpStatusCode.BadRequest, "period must be a financial year ('2022/23')")]
    [InlineData("Indicators('tt-recovery')/Observatory.Evaluate(period='2031/32')", HttpStatusCode.BadRequest, "lies outside it")]
    [InlineData("Indicators('tt-recovery')/Observatory.Evaluate(period='2022-05-01/2022-04-01')", HttpStatusCode.BadRequest, "ends before it begins")]
    [InlineData("Indicators('smi-all-six')/Observatory.Evaluate(period='Q1 2022/23')", HttpStatusCode.BadRequest, "smi-all-six is given for financial years")]
    [InlineData("Indicators('tt-recovery')/Observatory.Evaluate(period='2022/23',area='Islington')", HttpStatusCode.BadRequest, "area must be 'City and Hackney', 'Hackney' or 'City of London', not 'Islington'")]
    [InlineData("Indicators('tt-recovery')/Observatory.Evaluate(period='2022/23',breakdown='service')", HttpStatusCode.BadRequest, "tt-recovery has no breakdown 'service': ask for 'overall' or one of")]
    [InlineData("Indicators('tt-recovery')/Observatory.Evaluate(period='2022/23',filter='Ethnicity/Colour eq ''Black''')", HttpStatusCode.BadRequest, "does not parse")]
    [InlineData("Indicators('tt-recovery')/Observatory.Evaluate(period='2022/23',filter='Ethnicity/BroadGroup eq')", HttpStatusCode.BadRequest, "does not parse")]
    [InlineData("Indicators('tt-access-rate')/Observatory.Evaluate(period='2022-04-01/2022-06-15')", HttpStatusCode.BadRequest, "census populations are given for whole periods")]
    [InlineData("Indicators('tt-access-rate')/Observatory.Evaluate(period='2022/23',filter='Disability/Name eq ''No disability''')", HttpStatusCode.BadRequest, "filter by those alone")]
    [InlineData("Indicators('gm-tol-schools')/Observatory.Evaluate(period='2022/23',breakdown='ethnic-group')", HttpStatusCode.BadRequest, "a count of distinct values does not add up over groups")]
    [InlineData("Indicators('gm-tol-wellbeing-change')/Observatory.Evaluate(period='2022/23',area='Hackney')", HttpStatusCode.BadRequest, "ProgrammeOutcomes record no area")]
    [InlineData("Indicators('tt-recovery')/Observatory.Evaluate(area='Hackney')", HttpStatusCode.BadRequest, "takes period (required)")]
    [InlineData("Indicators('tt-recovery')/Observatory.Evaluate(period='2022/23',colour='red')", HttpStatusCode.BadRequest, "takes period (required)")]
    [InlineData("Indicators('tt-recovery')/Observatory.Evaluate(period=null)", HttpStatusCode.BadRequest, "needs a period")]
    [InlineData("Indicators('tt-recovery')/Observatory.Evaluate(period=2022)", HttpStatusCode.BadRequest, "cannot be converted")]
    [InlineData("Indicators('tt-recovery')/Observatory.Evaluate(period='2022/23')?$expand=Indicator", HttpStatusCode.BadRequest, "$expand does not apply to a function's result")]
    [InlineData("Indicators('tt-recovery')/Observatory.Evaluate(period='2022/23')?$filter=Value add 1 gt 2", HttpStatusCode.NotImplemented, "comparing its columns with values")]
    public async Task AParameterThatCannotBeEvaluatedIsRefusedSayingWhatToChange(string url, HttpStatusCode status, string message)
    {
        await using var host = new FeedHost(await demo.GetAsync(WarehouseProvider.Sqlite));

        var (answer, error) = await ErrorAsync(host.CreateClient(), url);

        Assert.Equal(status, answer);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    /// <summary>A filter the feed cannot use is a fault of the request, answered 4xx or 501 with a message, never 500.</summary>
    [Theory]
    [InlineData("((")]
    [InlineData("Ethnicity/BroadGroup eq 'Black' and")]
    [InlineData("Ethnicity/BroadGroup has 'Black'")]
    [InlineData("cast(EthnicityKey, Edm.String) eq '1'")]
    [InlineData("Ethnicity/BroadGroup eq @group")]
    [InlineData("EthnicityKey eq 'one'")]
    [InlineData("Service")]
    [InlineData("$it")]
    public async Task AFilterTheFeedCannotUseIsAnsweredWithAnErrorNotAFault(string filter)
    {
        await using var host = new FeedHost(await demo.GetAsync(WarehouseProvider.Sqlite));

        var (status, message) = await ErrorAsync(host.CreateClient(), Evaluate("tt-recovery", Year, filter: filter));

        Assert.True(status is HttpStatusCode.BadRequest or HttpStatusCode.NotImplemented, $"{(int)status}: {message}");
        Assert.False(string.IsNullOrWhiteSpace(message));
    }

    /// <summary>At the controlled level the filter picks categories, as a controlled $apply's does, and the periods are years and quarters.</summary>
    [Theory]
    [InlineData("filter='Ethnicity/BroadGroup eq ''Black'' or Ethnicity/BroadGroup eq ''Asian'''", "picks categories")]
    [InlineData("filter='AgeBand/Name ne ''18-24'''", "picks categories")]
    [InlineData("filter='ReferralDateKey ge 20220601'", "picks categories")]
    [InlineData("filter='PersonId eq 42'", "an identifier singles a person out")]
    [InlineData("period='2022-04'", "financial years and their quarters")]
    [InlineData("period='2022-04-01/2022-09-30'", "financial years and their quarters")]
    public async Task AtTheControlledLevelOnlyWhatControlledCountsAllowIsEvaluated(string parameter, string message)
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        await using var host = new FeedHost(options);
        using var researcher = await ClientAsync(host, options, Role.Researcher);
        var arguments = parameter.StartsWith("period", StringComparison.Ordinal) ? parameter : $"period='2022/23',{parameter}";

        var (status, error) = await ErrorAsync(researcher, $"Indicators('tt-recovery')/Observatory.Evaluate({arguments})");
        var allowed = await RowsAsync(researcher, Evaluate("tt-recovery", "Q2 2022/23", breakdown: "age-band",
            filter: "Ethnicity/BroadGroup eq 'Black' and Area/Borough eq 'Hackney' and Gender/Name eq 'Female (including trans woman)'"));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.All(allowed, r => Assert.Equal("Controlled", r.GetProperty("Disclosure").GetString()));
        Assert.Contains(allowed, r => r.GetProperty("GroupCode").GetString() == "Total");
    }

    /// <summary>
    /// A caller limited to a borough evaluates that borough's values (the same as an unscoped caller's for it), and is
    /// refused any other area, the ICS included, with a 403 that says which area it may ask for.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestLocation.Providers), MemberType = typeof(TestLocation))]
    public async Task ABoroughScopedCallerEvaluatesItsOwnBoroughOnly(WarehouseProvider provider)
    {
        var options = await demo.GetAsync(provider);
        await using var host = new FeedHost(options);
        using var scoped = await ClientAsync(host, options, Role.Analyst, "borough:City of London");

        var (hackney, refusal) = await ErrorAsync(scoped, Evaluate("tt-referrals", Year, "Hackney"));
        var (ics, _) = await ErrorAsync(scoped, Evaluate("tt-referrals", Year));
        var own = await RowsAsync(scoped, Evaluate("tt-referrals", Year, "City of London", "ethnic-group"));
        var unscoped = await RowsAsync(host.CreateClient(), Evaluate("tt-referrals", Year, "City of London", "ethnic-group"));

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (hackney, ics));
        Assert.Contains("You are limited to borough:City of London: evaluate for area='City of London', not 'Hackney'", refusal, StringComparison.Ordinal);
        Assert.True(own.Count > 3, $"{own.Count} rows");
        Assert.Equal(unscoped.Select(r => r.GetRawText()), own.Select(r => r.GetRawText()));
    }

    /// <summary>A provider-scoped caller counts its provider's services only: another provider's indicator is all zero.</summary>
    [Fact]
    public async Task AProviderScopedCallerCountsItsProvidersRowsOnly()
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        await using var host = new FeedHost(options);
        using var homerton = await ClientAsync(host, options, Role.Analyst, "provider:RQX");
        var runs = (string)(await WarehouseQueries.RowsAsync(options,
            "SELECT p.\"Code\" FROM \"Services\" s JOIN \"Providers\" p ON p.\"ProviderKey\" = s.\"ProviderKey\" WHERE s.\"Code\" = 'TT'"))[0][0]!;

        var referrals = Assert.Single(await RowsAsync(homerton, Evaluate("tt-referrals", Year))).GetProperty("Numerator").GetDouble();
        var everyone = Assert.Single(await RowsAsync(host.CreateClient(), Evaluate("tt-referrals", Year))).GetProperty("Numerator").GetDouble();
        var (checks, _) = await ErrorAsync(homerton, Evaluate("smi-all-six", Year));

        Assert.Equal(runs == "RQX" ? everyone : 0, referrals);
        Assert.True(everyone > 1000, $"{everyone} referrals");
        // Health checks are recorded by GP practices, not by a provider's service.
        Assert.Equal(HttpStatusCode.Forbidden, checks);
    }

    [Fact]
    public async Task TheResultTakesSelectFilterOrderByTopCountAndCsv()
    {
        await using var host = new FeedHost(await demo.GetAsync(WarehouseProvider.Sqlite));
        using var client = host.CreateClient();
        var url = Evaluate("tt-recovery", Year, breakdown: "ethnic-group");
        var all = await RowsAsync(client, url);

        using var chosen = JsonDocument.Parse(await client.GetStringAsync(
            $"/odata/{url}?$select=GroupCode,Value&$filter=Breakdown eq 'ethnic-group' and Value ne null&$orderby=Value desc&$top=3&$count=true", Cancel));
        var csv = await client.GetStringAsync($"/odata/{url}?$select=GroupCode,Numerator&$format=csv", Cancel);

        var groups = all.Where(r => r.GetProperty("Breakdown").GetString() == "ethnic-group" && r.GetProperty("Value").ValueKind == JsonValueKind.Number).ToList();
        var top = chosen.RootElement.GetProperty("value").EnumerateArray().ToList();
        Assert.Equal(groups.Count, chosen.RootElement.GetProperty("@odata.count").GetInt32());
        Assert.Equal(groups.OrderByDescending(g => g.GetProperty("Value").GetDouble()).Take(3).Select(g => g.GetProperty("GroupCode").GetString()),
            top.Select(t => t.GetProperty("GroupCode").GetString()));
        Assert.All(top, t => Assert.Equal(["GroupCode", "Value"], t.EnumerateObject().Select(p => p.Name)));
        Assert.EndsWith("$metadata#Collection(Observatory.LiveIndicatorValue)", chosen.RootElement.GetProperty("@odata.context").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("GroupCode,Numerator\r\nAll,", csv, StringComparison.Ordinal);
        Assert.Equal(all.Count + 1, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    /// <summary>The function URL with its parameters as string literals (quotes doubled), left out where not given.</summary>
    private static string Evaluate(string indicator, string period, string? area = null, string? breakdown = null, string? filter = null)
    {
        var parameters = new[] { ("period", period), ("area", area), ("breakdown", breakdown), ("filter", filter) }
            .Where(p => p.Item2 is not null).Select(p => $"{p.Item1}='{Uri.EscapeDataString(p.Item2!.Replace("'", "''", StringComparison.Ordinal))}'");
        return $"Indicators('{indicator}')/Observatory.Evaluate({string.Join(",", parameters)})";
    }

    private static async Task<HttpClient> ClientAsync(FeedHost host, WarehouseOptions options, Role role, string? scope = null)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", await TestKeys.CreateAsync(options, role, scope));
        return client;
    }

    private static async Task<List<JsonElement>> RowsAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri("/odata/" + url, UriKind.Relative), Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} for {url}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("value").EnumerateArray().Select(r => r.Clone()).ToList();
    }

    private static async Task<(HttpStatusCode Status, string Message)> ErrorAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri("/odata/" + url, UriKind.Relative), Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        return response.IsSuccessStatusCode
            ? (response.StatusCode, body)
            : (response.StatusCode, JsonDocument.Parse(body).RootElement.GetProperty("error").GetProperty("message").GetString()!);
    }

    /// <summary>Equal JSON values: numbers to the last bit, text and the rest as written.</summary>
    private static bool Same(JsonElement stored, JsonElement live) => (stored.ValueKind, live.ValueKind) switch
    {
        (JsonValueKind.Number, JsonValueKind.Number) => stored.GetDouble() == live.GetDouble(),
        var (s, l) when s != l => false,
        _ => stored.GetRawText() == live.GetRawText(),
    };
}
