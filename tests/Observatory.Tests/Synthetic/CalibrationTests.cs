using System.Globalization;
using Observatory.Synthetic.Calibration;
using Observatory.Tests.Support;
using Observatory.Warehouse;
using Observatory.Warehouse.Reference;

namespace Observatory.Tests.Synthetic;

/// <summary>
/// The demo warehouse against the calibration figures (domain.md, seed/): rates by group within stated
/// tolerances of their parameters, and the published directions.
/// </summary>
public class CalibrationTests(DemoWarehouses demo)
{
    private static readonly SyntheticParameters Parameters = SyntheticParameters.Load();
    private static readonly string[] MinorityGroups = ["Mixed", "Asian", "Black", "Other"];

    private const string TalkingTherapies =
        "FROM Referrals r JOIN Services s USING (ServiceKey) JOIN Ethnicities x USING (EthnicityKey) WHERE s.Code = 'TT'";

    [Fact]
    public async Task PopulationMatchesTheCensusByBoroughAndEthnicity()
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        var census = CsvFiles.Read<CensusRow>(SeedDirectory.File("population", "census-2021-ethnicity.csv"));

        foreach (var borough in census.GroupBy(c => c.Borough))
        {
            var total = borough.Sum(c => c.Residents);
            Assert.Equal(total, await WarehouseQueries.ScalarAsync(options,
                $"SELECT SUM(Residents) FROM Population p JOIN Areas a USING (AreaKey) WHERE a.Borough = '{borough.Key}'"), 1.0);
            foreach (var code in borough.GroupBy(c => c.NhsEthnicityCode))
            {
                var residents = await WarehouseQueries.ScalarAsync(options,
                    $"SELECT SUM(Residents) FROM Population p JOIN Areas a USING (AreaKey) JOIN Ethnicities x USING (EthnicityKey) WHERE a.Borough = '{borough.Key}' AND x.Code = '{code.Key}'");
                // Each ethnic category's share of the borough within 0.1 percentage points of the census.
                Assert.Equal(code.Sum(c => c.Residents) / (double)total, residents / total, 0.001);
            }
        }

        Assert.Equal(16, await WarehouseQueries.ScalarAsync(options, "SELECT COUNT(*) FROM Areas WHERE Borough = 'Hackney' AND ImdDecile = 1"));
        Assert.Equal(0, await WarehouseQueries.ScalarAsync(options, "SELECT COUNT(*) FROM Areas WHERE Borough = 'Hackney' AND ImdDecile = 10"));
    }

    [Fact]
    public async Task TalkingTherapiesDropOutIsHigherInEveryMinorityGroupAndNearItsParameter()
    {
        var rates = await RatesByGroupAsync("SUM(DroppedOut)", "COUNT(*)", "AND r.EnteredTreatment = 1 AND r.EndDateKey IS NOT NULL");
        var parameters = Parameters.Services.Single(s => s.Code == "TT").DroppedOut;

        Assert.All(MinorityGroups, group => Assert.True(rates[group] > rates["White"], $"{group} {rates[group]:P1} vs White {rates["White"]:P1}"));
        Assert.All(rates.Where(r => parameters.ContainsKey(r.Key)), r => Assert.Equal(parameters[r.Key], r.Value, 0.04));
    }

    [Fact]
    public async Task TalkingTherapiesRecoveryIsHighestForWhiteAndNearItsParameter()
    {
        var rates = await RatesByGroupAsync("SUM(Recovered)", "SUM(FinishedAtCaseness)");
        var parameters = Parameters.TalkingTherapies.Recovered;

        Assert.All(MinorityGroups, group => Assert.True(rates["White"] > rates[group], $"White {rates["White"]:P1} vs {group} {rates[group]:P1}"));
        Assert.All(rates.Where(r => parameters.ContainsKey(r.Key)), r => Assert.Equal(parameters[r.Key], r.Value, 0.04));
    }

    [Fact]
    public async Task ReliableImprovementIsAboveSixtyPercentInEveryGroup()
    {
        var rates = await RatesByGroupAsync("SUM(ReliablyImproved)", "SUM(FinishedTreatment)");

        Assert.All(rates, r => Assert.True(r.Value > 0.6, $"{r.Key}: {r.Value:P1}"));
    }

    [Fact]
    public async Task RecoveryFallsWithDeprivation()
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        async Task<double> Recovery(string quintiles) => await WarehouseQueries.ScalarAsync(options,
            "SELECT 1.0 * SUM(Recovered) / SUM(FinishedAtCaseness) FROM Referrals r JOIN Services s USING (ServiceKey) JOIN Areas a USING (AreaKey) " +
            $"WHERE s.Code = 'TT' AND a.ImdQuintile IN ({quintiles})");

        Assert.True(await Recovery("1") < await Recovery("2"));
        Assert.True(await Recovery("2") < await Recovery("3, 4, 5"));
    }

    [Fact]
    public async Task EthnicityRecordingImprovesWhileOtherFieldsStayFarLessComplete()
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        var rows = await WarehouseQueries.RowsAsync(options,
            "SELECT d.FinancialYear, AVG(x.IsKnown), AVG(o.IsKnown), AVG(b.IsKnown), AVG(m.IsKnown), AVG(h.IsKnown) " +
            "FROM Referrals r JOIN Dates d ON d.DateKey = r.ReferralDateKey JOIN Ethnicities x USING (EthnicityKey) " +
            "JOIN SexualOrientations o USING (SexualOrientationKey) JOIN Disabilities b USING (DisabilityKey) " +
            "JOIN EmploymentStatuses m USING (EmploymentStatusKey) JOIN AccommodationStatuses h USING (AccommodationStatusKey) " +
            "GROUP BY d.FinancialYear ORDER BY d.FinancialYear");
        var ethnicity = rows.Select(r => Convert.ToDouble(r[1], CultureInfo.InvariantCulture)).ToList();

        Assert.Equal(5, rows.Count);
        Assert.All(ethnicity.Zip(ethnicity.Skip(1)), pair => Assert.True(pair.Second > pair.First));
        Assert.All(rows, row => Assert.All(row.Skip(2), other =>
            Assert.True(Convert.ToDouble(other, CultureInfo.InvariantCulture) < Convert.ToDouble(row[1], CultureInfo.InvariantCulture) - 0.2)));
    }

    [Fact]
    public async Task YearlyVolumesMatchARealisticYear()
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        async Task<double> PerYear(string services) => await WarehouseQueries.ScalarAsync(options,
            $"SELECT COUNT(*) / 5.0 FROM Referrals r JOIN Services s USING (ServiceKey) WHERE s.Code IN ({services})");

        Assert.InRange(await PerYear("'TT'"), 11_000, 13_000);
        Assert.InRange(await PerYear("'CAMHS'"), 2_700, 3_300);
        Assert.InRange(await PerYear("'CMHT', 'EIP', 'OUTREACH', 'CORE-ARTS', 'OPEN-MINDS', 'GM-FAC', 'GM-NVR', 'GM-TOL', 'GM-MHFA'"), 4_300, 5_700);
        Assert.Equal(4_000, await WarehouseQueries.ScalarAsync(options, "SELECT COUNT(*) / 5 FROM HealthChecks"));
    }

    [Fact]
    public async Task StoredFlagsAgreeWithTheirDefinitions()
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);

        Assert.Equal(0, await WarehouseQueries.ScalarAsync(options,
            "SELECT COUNT(*) FROM Referrals WHERE (Recovered = 1 AND FinishedAtCaseness = 0) OR (ReliablyRecovered <> Recovered * ReliablyImproved) " +
            "OR (FinishedTreatment = 1 AND (EndDateKey IS NULL OR SessionsAttended < 2)) OR (EnteredTreatment <> (SessionsAttended > 0)) " +
            "OR (FinishedAtCaseness <> FinishedTreatment * AtCaseness) OR (EndDateKey IS NULL) <> (EndReasonKey IS NULL)"));
        Assert.Equal(0, await WarehouseQueries.ScalarAsync(options,
            "SELECT COUNT(*) FROM HealthChecks WHERE AllSixChecks <> AlcoholCheck * BloodGlucoseCheck * BloodPressureCheck * BmiCheck * LipidsCheck * SmokingCheck"));
    }

    private async Task<Dictionary<string, double>> RatesByGroupAsync(string numerator, string denominator, string filter = "")
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        var rows = await WarehouseQueries.RowsAsync(options,
            $"SELECT x.BroadGroup, 1.0 * {numerator} / {denominator} {TalkingTherapies} {filter} AND x.IsKnown GROUP BY x.BroadGroup");
        return rows.ToDictionary(r => (string)r[0]!, r => Convert.ToDouble(r[1], CultureInfo.InvariantCulture));
    }

    private sealed class CensusRow
    {
        public string Borough { get; set; } = "";
        public string NhsEthnicityCode { get; set; } = "";
        public int Residents { get; set; }
    }
}
