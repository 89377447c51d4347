using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Observatory.Tests.Support;
using Observatory.Warehouse;
using Observatory.Warehouse.Infrastructure;
using Observatory.Warehouse.Schema;

namespace Observatory.Tests.Warehouse;

/// <summary>The pre-aggregated sets hold exactly what the facts add up to, after a load and after an upgrade.</summary>
public class SummaryTests(DemoWarehouses demo)
{
    public static TheoryData<string, string> Totals => new()
    {
        { "SELECT SUM(\"Referrals\") FROM \"MonthlyReferrals\"", "SELECT COUNT(*) FROM \"Referrals\"" },
        { "SELECT SUM(\"EnteredTreatment\") FROM \"MonthlyReferrals\" WHERE \"MonthKey\" = 20210601", "SELECT SUM(\"EnteredTreatment\") FROM \"Referrals\" WHERE \"ReferralDateKey\" BETWEEN 20210601 AND 20210630" },
        { "SELECT SUM(\"Recovered\") FROM \"MonthlyOutcomes\" WHERE \"EthnicityGroup\" = 'Black'", "SELECT SUM(r.\"Recovered\") FROM \"Referrals\" r JOIN \"Ethnicities\" e ON e.\"EthnicityKey\" = r.\"EthnicityKey\" WHERE e.\"BroadGroup\" = 'Black'" },
        { "SELECT SUM(\"TreatedWithin6Weeks\") FROM \"MonthlyOutcomes\"", "SELECT COUNT(*) FROM \"Referrals\" WHERE \"FinishedTreatment\" = 1 AND \"WaitToTreatmentDays\" <= 42" },
        { "SELECT SUM(\"Ended\") FROM \"MonthlyOutcomes\" WHERE \"ImdQuintile\" = 1", "SELECT COUNT(*) FROM \"Referrals\" r JOIN \"Areas\" a ON a.\"AreaKey\" = r.\"AreaKey\" WHERE a.\"ImdQuintile\" = 1 AND r.\"EndDateKey\" IS NOT NULL" },
        { "SELECT SUM(\"AllSixChecks\") FROM \"YearlyHealthChecks\" WHERE \"PeriodEndDateKey\" = 20220331", "SELECT SUM(\"AllSixChecks\") FROM \"HealthChecks\" WHERE \"PeriodEndDateKey\" = 20220331" },
        { "SELECT SUM(\"People\") FROM \"YearlyHealthChecks\"", "SELECT COUNT(*) FROM \"HealthChecks\"" },
    };

    [Theory]
    [MemberData(nameof(Totals))]
    public async Task SummariesAddUpToTheFacts(string summary, string facts)
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);

        Assert.Equal(await WarehouseQueries.ScalarAsync(options, facts), await WarehouseQueries.ScalarAsync(options, summary));
    }

    [Theory]
    [MemberData(nameof(TestLocation.Providers), MemberType = typeof(TestLocation))]
    public async Task UpgradingAWarehouseFromBeforeTheSummariesBuildsThemFromItsFacts(WarehouseProvider provider)
    {
        await using var location = TestLocation.Create(provider);
        await SmallWarehouse.SeedAsync(location.Options);
        await using (var context = WarehouseContextFactory.Create(location.Options))
        {
            var first = context.Database.GetMigrations().First();
            await context.GetService<IMigrator>().MigrateAsync(first);
        }

        var before = await WarehouseSchema.InspectAsync(location.Options);
        await WarehouseSchema.UpgradeAsync(location.Options);

        Assert.Equal(WarehouseState.NeedsUpgrade, before.State);
        Assert.Equal(await WarehouseQueries.ScalarAsync(location.Options, "SELECT COUNT(*) FROM \"Referrals\""),
            await WarehouseQueries.ScalarAsync(location.Options, "SELECT SUM(\"Referrals\") FROM \"MonthlyReferrals\""));
    }

    [Theory]
    [MemberData(nameof(TestLocation.Providers), MemberType = typeof(TestLocation))]
    public async Task TheSummariesALoadAddsUpEqualTheSummariesTheSqlBuilds(WarehouseProvider provider)
    {
        await using var location = TestLocation.Create(provider);
        await SmallWarehouse.SeedAsync(location.Options, seed: 4);
        var loaded = await SummaryRowsAsync(location.Options);

        await using (var context = WarehouseContextFactory.Create(location.Options))
        {
            foreach (var statement in WarehouseSummaries.Statements)
            {
                await context.Database.ExecuteSqlRawAsync(statement);
            }
        }

        Assert.NotEmpty(loaded);
        Assert.Equal(loaded, await SummaryRowsAsync(location.Options));
    }

    private static async Task<List<string>> SummaryRowsAsync(WarehouseOptions options)
    {
        var rows = new List<string>();
        foreach (var (table, id) in new[] { ("MonthlyReferrals", "MonthlyReferralId"), ("MonthlyOutcomes", "MonthlyOutcomeId"), ("YearlyHealthChecks", "YearlyHealthCheckId") })
        {
            rows.AddRange((await WarehouseQueries.RowsAsync(options, $"SELECT * FROM \"{table}\" ORDER BY \"{id}\""))
                .Select(row => table + ":" + string.Join('|', row.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)))));
        }

        return rows;
    }
}
