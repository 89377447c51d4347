using System.Globalization;
using System.Text.Json;
using Observatory.Indicators.Catalogue;
using Observatory.Indicators.Disclosure;
using Observatory.Indicators.Queries;
using Observatory.Indicators.Statistics;
using Observatory.Tests.Support;
using Observatory.Warehouse;

namespace Observatory.Tests.Indicators;

/// <summary>The values computed at load, held against plain SQL over the facts and against the feed, on both providers.</summary>
public class IndicatorValuesTests(DemoWarehouses demo)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestLocation.Providers), MemberType = typeof(TestLocation))]
    public async Task RecoveryByEthnicGroupMatchesTheFactsAndItsWilsonInterval(WarehouseProvider provider)
    {
        var options = await demo.GetAsync(provider);
        // Recovery rate per NHS Digital: recovered / (finished treatment - not at caseness), referrals ending in 2021/22.
        var facts = await WarehouseQueries.RowsAsync(options,
            "SELECT e.\"BroadGroup\", SUM(r.\"Recovered\"), SUM(r.\"FinishedAtCaseness\") FROM \"Referrals\" r " +
            "JOIN \"Services\" s ON s.\"ServiceKey\" = r.\"ServiceKey\" JOIN \"Ethnicities\" e ON e.\"EthnicityKey\" = r.\"EthnicityKey\" " +
            "WHERE s.\"Code\" = 'TT' AND r.\"EndDateKey\" BETWEEN 20210401 AND 20220331 GROUP BY e.\"BroadGroup\"");
        var values = await ValuesAsync(options, "tt-recovery", "Unrestricted", "FinancialYear", "ethnic-group", "2021/22", "City and Hackney");

        Assert.Equal(facts.Count, values.Count);
        foreach (var row in facts)
        {
            var value = values[(string)row[0]!];
            var (n, d) = (Convert.ToDouble(row[1], CultureInfo.InvariantCulture), Convert.ToDouble(row[2], CultureInfo.InvariantCulture));
            Assert.Equal(n, value.Numerator);
            Assert.Equal(d, value.Denominator);
            Assert.Equal(n / d, value.Value!.Value, 12);
            var wilson = Proportions.Wilson(n, d, ConfidenceLevel.NinetyFive);
            Assert.Equal(wilson.Lower, value.Lower95!.Value, 12);
            Assert.Equal(wilson.Upper, value.Upper95!.Value, 12);
        }

        // White is the reference group: its difference from itself is not given; every other group has one.
        Assert.Null(values["White"].Comparison);
        Assert.All(values.Where(v => v.Key != "White"), v => Assert.Equal("Difference", v.Value.ComparisonMeasure));
        Assert.Equal(0.5, values["White"].Target);
    }

    [Fact]
    public async Task AnIndicatorCanChooseItsOwnReferenceGroup()
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        var references = await WarehouseQueries.RowsAsync(options,
            "SELECT DISTINCT \"IndicatorId\", \"ReferenceGroup\" FROM \"IndicatorValues\" WHERE \"Breakdown\" = 'gender' AND \"IndicatorId\" IN ('tt-recovery', 'tt-reliable-recovery')");

        Assert.Contains(references, r => (string)r[0]! == "tt-recovery" && (string)r[1]! == "Female (including trans woman)");
        Assert.Contains(references, r => (string)r[0]! == "tt-reliable-recovery" && r[1] is null or DBNull);
    }

    /// <summary>
    /// The recovery rate by ethnic group, recomputed from the facts with their record keys: each count perturbed by
    /// its cell key through the perturbation table, a published count from 1 to 7 withheld, the value and its Wilson
    /// interval computed from the published counts.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestLocation.Providers), MemberType = typeof(TestLocation))]
    public async Task ControlledCountsArePerturbedByTheirCellKeysAndSmallOnesWithheld(WarehouseProvider provider)
    {
        var options = await demo.GetAsync(provider);
        var keys = new CellKeys(DisclosureRules.Default);
        var facts = await WarehouseQueries.RowsAsync(options,
            "SELECT e.\"BroadGroup\", a.\"Borough\", SUM(r.\"Recovered\"), SUM(r.\"RecordKey\" * r.\"Recovered\"), SUM(r.\"FinishedAtCaseness\"), SUM(r.\"RecordKey\" * r.\"FinishedAtCaseness\") " +
            "FROM \"Referrals\" r JOIN \"Services\" s ON s.\"ServiceKey\" = r.\"ServiceKey\" JOIN \"Ethnicities\" e ON e.\"EthnicityKey\" = r.\"EthnicityKey\" " +
            "JOIN \"Areas\" a ON a.\"AreaKey\" = r.\"AreaKey\" WHERE s.\"Code\" = 'TT' AND r.\"EndDateKey\" BETWEEN 20220401 AND 20230331 GROUP BY e.\"BroadGroup\", a.\"Borough\"");
        var withheld = 0;
        foreach (var area in new[] { "Hackney", "City of London" })
        {
            var values = await ValuesAsync(options, "tt-recovery", "Controlled", "FinancialYear", "ethnic-group", "2022/23", area);
            foreach (var row in facts.Where(f => (string)f[1]! == area))
            {
                long At(int i) => Convert.ToInt64(row[i], CultureInfo.InvariantCulture);
                var value = values[(string)row[0]!];
                var (n, d) = (keys.Release(At(2), At(3)), keys.Release(At(4), At(5)));
                if (n is null || d is null)
                {
                    withheld++;
                    Assert.Equal(("SmallCount", null, null, null), (value.Suppression, value.Numerator, value.Denominator, value.Value));
                    continue;
                }

                Assert.Equal(("None", Math.Min(n.Value, d.Value), d.Value), (value.Suppression, value.Numerator!.Value, value.Denominator!.Value));
                Assert.InRange(d.Value - At(4), -DisclosureRules.Default.MaximumDeviation, DisclosureRules.Default.MaximumDeviation);
                var wilson = Proportions.Wilson(value.Numerator.Value, d.Value, ConfidenceLevel.NinetyFive);
                Assert.Equal((wilson.Lower, wilson.Upper), (value.Lower95!.Value, value.Upper95!.Value));
            }
        }

        Assert.True(withheld > 0, "the City of London has small groups");
        // Years and their quarters.
        Assert.Equal(["FinancialYear", "Quarter"], (await WarehouseQueries.RowsAsync(options,
            "SELECT DISTINCT \"PeriodType\" FROM \"IndicatorValues\" WHERE \"Disclosure\" = 'Controlled'")).Select(r => (string)r[0]!).Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// Every published count lies within D of the exact one and outside 1 to 7; and two indicators that count the same
    /// rows (a count and its rate twin) publish the same count for the same cell, since it has the same cell key.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestLocation.Providers), MemberType = typeof(TestLocation))]
    public async Task APublishedCountIsNearTheExactOneAndTheSameInEveryIndicatorThatCountsIt(WarehouseProvider provider)
    {
        var options = await demo.GetAsync(provider);
        const string Cell = "c.\"PeriodType\" = u.\"PeriodType\" AND c.\"PeriodStartKey\" = u.\"PeriodStartKey\" AND c.\"Area\" = u.\"Area\" AND c.\"Breakdown\" = u.\"Breakdown\" AND c.\"GroupCode\" = u.\"GroupCode\"";
        var pairs = await WarehouseQueries.RowsAsync(options,
            "SELECT c.\"Numerator\", u.\"Numerator\", c.\"Denominator\", u.\"Denominator\", c.\"IndicatorId\" FROM \"IndicatorValues\" c JOIN \"IndicatorValues\" u " +
            $"ON u.\"IndicatorId\" = c.\"IndicatorId\" AND {Cell} AND u.\"Disclosure\" = 'Unrestricted' " +
            "JOIN \"Indicators\" i ON i.\"IndicatorId\" = c.\"IndicatorId\" " +
            "WHERE c.\"Disclosure\" = 'Controlled' AND c.\"GroupCode\" <> 'Total' AND i.\"Unit\" = 'proportion'");
        Assert.True(pairs.Count > 10_000, $"{pairs.Count} cells");
        foreach (var pair in pairs)
        {
            foreach (var (published, exact) in new[] { (pair[0], pair[1]), (pair[2], pair[3]) }.Where(p => p.Item1 is double))
            {
                var count = (double)published!;
                Assert.True(count is 0 or > 7, $"{pair[4]}: a published count of {count}");
                Assert.InRange(count - (double)exact!, -DisclosureRules.Default.MaximumDeviation, DisclosureRules.Default.MaximumDeviation);
            }
        }

        var twins = await WarehouseQueries.RowsAsync(options,
            "SELECT c.\"Numerator\", u.\"Numerator\" FROM \"IndicatorValues\" c JOIN \"IndicatorValues\" u ON " + Cell +
            " AND c.\"IndicatorId\" = 'tt-entered-treatment' AND u.\"IndicatorId\" = 'tt-access-rate' AND u.\"Disclosure\" = 'Controlled' " +
            // By ethnic group a rate uses the census's grouping, so its groups are other cells.
            "WHERE c.\"Disclosure\" = 'Controlled' AND c.\"GroupCode\" <> 'Total' AND c.\"Breakdown\" NOT LIKE 'ethnic-%'");
        Assert.True(twins.Count > 500, $"{twins.Count} twin cells");
        Assert.All(twins, t => Assert.Equal(t[0] is DBNull ? null : t[0], t[1] is DBNull ? null : t[1]));
    }

    /// <summary>Each group is also compared with the overall value of its period and area: its 95% interval against that point.</summary>
    [Theory]
    [InlineData("Unrestricted")]
    [InlineData("Controlled")]
    public async Task EachGroupIsComparedWithTheOverallValueByItsInterval(string disclosure)
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        var rows = await WarehouseQueries.RowsAsync(options,
            "SELECT g.\"OverallValue\", o.\"Value\", g.\"Lower95\", g.\"Upper95\", g.\"ComparedWithOverall\", g.\"GroupCode\" " +
            "FROM \"IndicatorValues\" g JOIN \"IndicatorValues\" o ON o.\"IndicatorId\" = g.\"IndicatorId\" AND o.\"Disclosure\" = g.\"Disclosure\" " +
            "AND o.\"PeriodType\" = g.\"PeriodType\" AND o.\"PeriodStartKey\" = g.\"PeriodStartKey\" AND o.\"Area\" = g.\"Area\" AND o.\"Breakdown\" = 'overall' " +
            $"WHERE g.\"IndicatorId\" = 'tt-recovery' AND g.\"Disclosure\" = '{disclosure}' AND g.\"PeriodType\" = 'FinancialYear' AND g.\"Breakdown\" = 'ethnic-group'");
        double? Number(object? value) => value is null or DBNull ? null : Convert.ToDouble(value, CultureInfo.InvariantCulture);

        Assert.True(rows.Count >= 30, $"{rows.Count} rows");
        Assert.Contains(rows, r => (string)r[4]! is "Better" or "Worse");
        foreach (var row in rows)
        {
            var (overall, lower, upper) = (Number(row[1]), Number(row[2]), Number(row[3]));
            var expected = (string)row[5]! == "Total" ? "NotCompared"
                : overall is { } o && lower is { } l && upper is { } u ? Judgements.AgainstBenchmark(new Interval(l, u), o, Polarity.HigherIsBetter).ToString()
                : "NotCompared";
            Assert.Equal((string)row[5]! == "Total" ? null : overall, Number(row[0]));
            Assert.Equal(expected, (string)row[4]!);
        }
    }

    [Fact]
    public async Task ControlledMeansAreGivenToOneDecimalPlaceSoThatTheirCountsStayRounded()
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        var means = await WarehouseQueries.RowsAsync(options,
            "SELECT v.\"Value\", v.\"Lower95\", v.\"Upper95\", v.\"Comparison\", v.\"OverallValue\" FROM \"IndicatorValues\" v " +
            "JOIN \"Indicators\" i ON i.\"IndicatorId\" = v.\"IndicatorId\" WHERE i.\"Unit\" = 'mean' AND v.\"Disclosure\" = 'Controlled' AND v.\"Value\" IS NOT NULL");
        var counts = await WarehouseQueries.RowsAsync(options,
            "SELECT DISTINCT v.\"ComparedWithOverall\" FROM \"IndicatorValues\" v JOIN \"Indicators\" i ON i.\"IndicatorId\" = v.\"IndicatorId\" WHERE i.\"Unit\" = 'count'");

        Assert.True(means.Count > 100, $"{means.Count} controlled means");
        Assert.All(means.SelectMany(r => r).OfType<double>(), v => Assert.Equal(Math.Round(v, 1), v, 12));
        // A count is part of its total: it is never compared with it.
        Assert.Equal(["NotCompared"], counts.Select(r => (string)r[0]!));
    }

    /// <summary>
    /// The waiting-time standards live in the catalogue (WaitToTreatmentDays le 42, le 126) and in the MonthlyOutcomes
    /// summary set the load builds; the two must count the same referrals every year.
    /// </summary>
    [Theory]
    [InlineData("tt-wait-6-weeks", "TreatedWithin6Weeks")]
    [InlineData("tt-wait-18-weeks", "TreatedWithin18Weeks")]
    public async Task TheWaitingTimeIndicatorsCountWhatTheSummarySetCounts(string indicator, string column)
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        var summary = (await WarehouseQueries.RowsAsync(options,
                $"SELECT (m.\"MonthKey\" / 100 - CASE WHEN m.\"MonthKey\" / 100 % 100 >= 4 THEN 0 ELSE 100 END) / 100, SUM(m.\"{column}\") " +
                "FROM \"MonthlyOutcomes\" m JOIN \"Services\" s ON s.\"ServiceKey\" = m.\"ServiceKey\" WHERE s.\"Code\" = 'TT' GROUP BY 1"))
            .ToDictionary(r => Convert.ToInt32(r[0], CultureInfo.InvariantCulture), r => Convert.ToDouble(r[1], CultureInfo.InvariantCulture));
        var values = await WarehouseQueries.RowsAsync(options,
            "SELECT \"PeriodStartKey\" / 10000, \"Numerator\" FROM \"IndicatorValues\" WHERE \"Disclosure\" = 'Unrestricted' AND \"PeriodType\" = 'FinancialYear' " +
            $"AND \"Breakdown\" = 'overall' AND \"Area\" = 'City and Hackney' AND \"IndicatorId\" = '{indicator}'");

        Assert.NotEmpty(values);
        Assert.All(values, v => Assert.Equal(summary[Convert.ToInt32(v[0], CultureInfo.InvariantCulture)], Convert.ToDouble(v[1], CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task ResearchersSeeOnlyControlledValuesThroughTheFeed()
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        using var controlled = new FeedHost(options, new Dictionary<string, string?> { ["Disclosure:Demo"] = "Controlled" });
        using var unrestricted = new FeedHost(options, new Dictionary<string, string?> { ["Disclosure:Demo"] = "Unrestricted" });
        const string Query = "IndicatorValues?$apply=groupby((Disclosure),aggregate($count as Rows))";

        var seen = (await GetAsync(controlled, Query)).GetProperty("value").EnumerateArray().Select(r => r.GetProperty("Disclosure").GetString()).ToList();
        // Schools are organisations, not people: their counts are published as they are.
        var smallCounts = await GetAsync(controlled, "IndicatorValues?$filter=Numerator ge 1 and Numerator le 7 and IndicatorId ne 'gm-tol-schools'&$count=true&$top=0");

        Assert.Equal(["Controlled"], seen);
        Assert.Equal(0, smallCounts.GetProperty("@odata.count").GetInt32());
        Assert.Equal(["Unrestricted"], (await GetAsync(unrestricted, Query)).GetProperty("value").EnumerateArray().Select(r => r.GetProperty("Disclosure").GetString()));
    }

    // A sum over no rows is null in OData (Data Aggregation 3.2.1.3.1); the indicator counts it as 0.
    private static double Sum(JsonElement value) => value.ValueKind == JsonValueKind.Null ? 0 : value.GetDouble();

    [Fact]
    public async Task EachValueIsReproducedByItsIndicatorsQueryThroughTheFeed()
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        using var host = new FeedHost(options, new Dictionary<string, string?> { ["Disclosure:Demo"] = "Unrestricted" });
        var catalogue = IndicatorCatalogue.Load();
        foreach (var id in new[] { "tt-recovery", "smi-all-six", "completeness-ethnicity-known", "gm-tol-wellbeing-change" })
        {
            var definition = catalogue[id];
            var value = (await GetAsync(host, $"IndicatorValues?$filter=IndicatorId eq '{id}' and PeriodType eq 'FinancialYear' and Breakdown eq 'overall' and Area eq 'City and Hackney'&$orderby=PeriodStartKey desc&$top=1"))
                .GetProperty("value")[0];
            var period = IndicatorQueries.Period(definition, value.GetProperty("PeriodStartKey").GetInt32(), value.GetProperty("PeriodEndKey").GetInt32());

            var numerator = Sum((await GetAsync(host, IndicatorQueries.Numerator(definition, period))).GetProperty("value")[0].GetProperty("Numerator"));
            var denominator = Sum((await GetAsync(host, IndicatorQueries.Denominator(definition, period))).GetProperty("value")[0].GetProperty("Denominator"));

            Assert.Equal(value.GetProperty("Numerator").GetDouble(), numerator, 6);
            Assert.Equal(value.GetProperty("Denominator").GetDouble(), denominator, 6);
        }
    }

    [Fact]
    public async Task TheCatalogueIsServedWithItsDefinitions()
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        using var host = new FeedHost(options);
        var indicators = (await GetAsync(host, "Indicators?$orderby=SortOrder")).GetProperty("value").EnumerateArray().ToList();

        Assert.Equal(IndicatorCatalogue.Load().Indicators.Count, indicators.Count);
        var recovery = indicators.Single(i => i.GetProperty("IndicatorId").GetString() == "tt-recovery");
        Assert.Equal("proportion", recovery.GetProperty("Unit").GetString());
        Assert.StartsWith("Referrals?$apply=filter(", recovery.GetProperty("NumeratorQuery").GetString(), StringComparison.Ordinal);
    }

    private sealed record Figure(double? Numerator, double? Denominator, double? Value, double? Lower95, double? Upper95, string? ComparisonMeasure, double? Comparison, double? Target, string Suppression);

    private static async Task<Dictionary<string, Figure>> ValuesAsync(WarehouseOptions options, string id, string disclosure, string periodType, string breakdown, string period, string area)
    {
        var rows = await WarehouseQueries.RowsAsync(options,
            "SELECT \"GroupCode\", \"Numerator\", \"Denominator\", \"Value\", \"Lower95\", \"Upper95\", \"ComparisonMeasure\", \"Comparison\", \"Target\", \"Suppression\" FROM \"IndicatorValues\" " +
            $"WHERE \"IndicatorId\" = '{id}' AND \"Disclosure\" = '{disclosure}' AND \"PeriodType\" = '{periodType}' AND \"Breakdown\" = '{breakdown}' AND \"Period\" = '{period}' AND \"Area\" = '{area}'");
        double? D(object? o) => o is null or DBNull ? null : Convert.ToDouble(o, CultureInfo.InvariantCulture);
        return rows.ToDictionary(r => (string)r[0]!, r => new Figure(D(r[1]), D(r[2]), D(r[3]), D(r[4]), D(r[5]), r[6] as string, D(r[7]), D(r[8]), (string)r[9]!));
    }

    private static async Task<JsonElement> GetAsync(FeedHost host, string url) =>
        JsonDocument.Parse(await host.CreateClient().GetStringAsync(new Uri("/odata/" + url, UriKind.Relative), Cancel)).RootElement;
}
