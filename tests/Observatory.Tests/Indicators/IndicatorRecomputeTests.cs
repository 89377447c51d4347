using Observatory.Indicators;
using Observatory.Tests.Support;
using Observatory.Warehouse;

namespace Observatory.Tests.Indicators;

/// <summary>Recomputing the values of a live warehouse (the command line, and the host after an upgrade).</summary>
public class IndicatorRecomputeTests
{
    [Theory]
    [MemberData(nameof(TestLocation.Providers), MemberType = typeof(TestLocation))]
    public async Task RecomputingReplacesTheValuesInOneGoAndGivesTheSameAnswer(WarehouseProvider provider)
    {
        await using var location = TestLocation.Create(provider);
        await SmallWarehouse.SeedAsync(location.Options, indicators: true);
        const string Fingerprint = "SELECT COUNT(*), SUM(\"Numerator\"), SUM(\"Value\") FROM \"IndicatorValues\"";
        var before = await WarehouseQueries.RowsAsync(location.Options, Fingerprint);

        var step = new IndicatorStep();
        await step.RunAsync(location.Options, TestContext.Current.CancellationToken);
        var after = await WarehouseQueries.RowsAsync(location.Options, Fingerprint);

        // The same values (their sum differs only in the last digits, the order a database adds doubles in).
        Assert.Equal(before[0][..2], after[0][..2]);
        Assert.Equal(Convert.ToDouble(before[0][2], System.Globalization.CultureInfo.InvariantCulture),
            Convert.ToDouble(after[0][2], System.Globalization.CultureInfo.InvariantCulture), tolerance: 1e-6);
        Assert.Equal(step.LastRun!.Values, Convert.ToInt64(after[0][0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(35, await WarehouseQueries.ScalarAsync(location.Options, "SELECT COUNT(*) FROM \"Indicators\""));
    }
}
