using System.Globalization;
using Observatory.Tests.Feed;
using Observatory.Tests.Support;
using Observatory.Warehouse;

namespace Observatory.Tests.Templates;

/// <summary>The figures docs/power-bi-and-excel.md shows are the demo warehouse's.</summary>
public class AnalystGuideTests(DemoWarehouses demo)
{
    [Fact]
    public async Task TheWorkedExcelExampleShowsTheDemoWarehousesValues()
    {
        var guide = File.ReadAllLines(Path.Combine(ReportReproductionTests.RepositoryRoot(), "docs", "power-bi-and-excel.md"));
        var start = Array.FindIndex(guide, l => l.StartsWith("### A worked example", StringComparison.Ordinal));
        var table = guide.Skip(start).SkipWhile(l => !l.StartsWith("| Group", StringComparison.Ordinal)).Skip(2)
            .TakeWhile(l => l.StartsWith('|')).Select(l => l.Split('|', StringSplitOptions.TrimEntries)[1..^1]).ToList();

        var rows = await WarehouseQueries.RowsAsync(await demo.GetAsync(WarehouseProvider.Sqlite), """
            SELECT "GroupName", "Numerator", "Denominator", "Value", "Lower95", "Upper95", "ComparedWithReference" FROM "IndicatorValues"
            WHERE "IndicatorId" = 'tt-recovery' AND "PeriodType" = 'FinancialYear' AND "Period" = '2023/24' AND "Area" = 'City and Hackney'
              AND "Disclosure" = 'Unrestricted' AND "Breakdown" IN ('overall', 'ethnic-group') ORDER BY "GroupOrder"
            """);

        var expected = rows.Select(r => new[]
        {
            r[0] is "All" ? "All" : (string)r[0]!,
            Count(r[1]), Count(r[2]), Percent(r[3]), $"{Percent(r[4])} to {Percent(r[5])}",
            r[6] switch { "NotCompared" when r[0] is "All" => "", "NotCompared" => "(reference)", var judgement => (string)judgement! },
        }).ToList();
        Assert.Equal(expected, table);
    }

    private static string Count(object? value) => Convert.ToDouble(value, CultureInfo.InvariantCulture).ToString("#,0", CultureInfo.InvariantCulture);

    private static string Percent(object? value) => Convert.ToDouble(value, CultureInfo.InvariantCulture).ToString("0.0%", CultureInfo.InvariantCulture);
}
