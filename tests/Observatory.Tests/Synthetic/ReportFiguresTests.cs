using Observatory.Synthetic.Calibration;
using Observatory.Tests.Support;

namespace Observatory.Tests.Synthetic;

/// <summary>The report's figures hold exactly in every generated warehouse, whatever the seed or scale.</summary>
public class ReportFiguresTests
{
    private static readonly ReportFigures Figures = ReportFigures.Load();

    [Theory]
    [InlineData(1, 0.02)]
    [InlineData(42, 0.05)]
    [InlineData(20220309, 0.3)]
    public async Task TheReportsFiguresHoldForAnySeedAndScale(int seed, double scale)
    {
        await using var location = TestLocation.Sqlite();
        await SmallWarehouse.SeedAsync(location.Options, seed, scale);
        var options = location.Options;

        Assert.Equal(Figures["gm-fac-completed"].Value, await WarehouseQueries.ScalarAsync(options,
            "SELECT COUNT(*) FROM Referrals r JOIN Services s USING (ServiceKey) JOIN EndReasons e USING (EndReasonKey) " +
            "WHERE s.Code = 'GM-FAC' AND e.Category = 'Completed' AND r.EndDateKey BETWEEN 20200201 AND 20220228"));
        Assert.Equal(0, await WarehouseQueries.ScalarAsync(options,
            "SELECT COUNT(*) FROM Referrals r JOIN Services s USING (ServiceKey) JOIN EndReasons e USING (EndReasonKey) JOIN Ethnicities x USING (EthnicityKey) " +
            "WHERE s.Code = 'GM-FAC' AND e.Category = 'Completed' AND r.EndDateKey BETWEEN 20200201 AND 20220228 AND NOT x.IsAfricanCaribbeanHeritage"));
        Assert.Equal(Figures["gm-nvr-parents"].Value, await WarehouseQueries.ScalarAsync(options,
            "SELECT COUNT(*) FROM Referrals r JOIN Services s USING (ServiceKey) WHERE s.Code = 'GM-NVR' AND r.TreatmentStartDateKey <= 20220131"));
        Assert.Equal(Figures["gm-tol-questionnaires"].Value, await WarehouseQueries.ScalarAsync(options,
            "SELECT COUNT(*) FROM ProgrammeOutcomes o JOIN Services s USING (ServiceKey) WHERE s.Code = 'GM-TOL'"));
        Assert.Equal(Figures["gm-tol-schools-approached"].Value, await WarehouseQueries.ScalarAsync(options, "SELECT COUNT(*) FROM Schools WHERE Approached"));
        Assert.Equal(Figures["gm-tol-schools-participating"].Value, await WarehouseQueries.ScalarAsync(options, "SELECT COUNT(*) FROM Schools WHERE Participating"));

        // Balanced sampling keeps the count within one person of 60%.
        var people = await WarehouseQueries.ScalarAsync(options, "SELECT COUNT(*) FROM HealthChecks WHERE PeriodEndDateKey = 20220331");
        var withAllSix = await WarehouseQueries.ScalarAsync(options, "SELECT SUM(AllSixChecks) FROM HealthChecks WHERE PeriodEndDateKey = 20220331");
        Assert.InRange(withAllSix, Math.Floor(0.6 * people), Math.Ceiling(0.6 * people));
    }

    [Fact]
    public void EveryFigureQuotesTheReport()
    {
        var report = File.ReadAllText(Observatory.Warehouse.Reference.SeedDirectory.File("calibration", "progress-report.txt"));

        Assert.All(Figures.All, figure => Assert.Contains(figure.Quote, report, StringComparison.Ordinal));
    }
}
