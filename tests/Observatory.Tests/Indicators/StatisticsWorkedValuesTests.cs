using Observatory.Indicators.Statistics;

namespace Observatory.Tests.Indicators;

/// <summary>
/// Each method against values published with OHID's PHEindicatormethods (ukhsa-collaboration/PHEindicatormethods,
/// commit 093fd288, tests/testthat/testdata_*.xlsx) or in the method papers, as cited on each case.
/// </summary>
public class StatisticsWorkedValuesTests
{
    private static readonly ConfidenceLevel P95 = ConfidenceLevel.NinetyFive;
    private static readonly ConfidenceLevel P998 = ConfidenceLevel.NinetyNinePointEight;

    [Theory]
    // testdata_Proportion.xlsx, sheet testdata_Prop: 95% limits, then 99.8% limits.
    [InlineData(1, 100, 0.0017674321, 0.054486196, 0.00087306570, 0.10455445)]
    [InlineData(20, 100, 0.13336693, 0.28882917, 0.10519162, 0.34711094)]
    [InlineData(65, 100, 0.55254443, 0.73635752, 0.49549466, 0.77835406)]
    [InlineData(9856, 12345, 0.79121018, 0.80536401, 0.78699241, 0.80930614)]
    // testdata_Byars_Wilson.xlsx.
    [InlineData(1045, 5000, 0.19795550, 0.22049130, 0.19179382, 0.22731563)]
    public void WilsonIntervalMatchesPheIndicatorMethods(double x, double n, double lower95, double upper95, double lower998, double upper998)
    {
        AssertInterval(new Interval(lower95, upper95), Proportions.Wilson(x, n, P95), 1e-7);
        AssertInterval(new Interval(lower998, upper998), Proportions.Wilson(x, n, P998), 1e-7);
    }

    [Theory]
    // Newcombe (1998), "Two-sided confidence intervals for the single proportion", Stat Med 17:857, Table I (method 3).
    [InlineData(81, 263, 0.2553, 0.3662)]
    [InlineData(15, 148, 0.0624, 0.1605)]
    [InlineData(0, 20, 0, 0.1611)]
    [InlineData(1, 29, 0.0061, 0.1718)]
    public void WilsonIntervalMatchesNewcombe1998(double x, double n, double lower, double upper) =>
        AssertInterval(new Interval(lower, upper), Proportions.Wilson(x, n, P95), 5e-5);

    [Theory]
    // testdata_Byars_Wilson.xlsx: Byar's limits for the count itself.
    [InlineData(65, 0.95, 50.163188, 82.849139)]
    [InlineData(65, 0.998, 42.880261, 94.000291)]
    [InlineData(1045, 0.95, 982.59320, 1110.3312)]
    [InlineData(1045, 0.998, 947.94070, 1148.8062)]
    [InlineData(10, 0.998, 2.9163184, 24.193725)]
    [InlineData(1, 0.95, 0.013072133, 5.5637556)]
    public void ByarLimitsMatchPheIndicatorMethods(double count, double level, double lower, double upper) =>
        AssertInterval(new Interval(lower, upper), Counts.Byar(count, Level(level)), 1e-6 * upper);

    [Theory]
    // testdata_Rate.xlsx, sheet testdata_Rate: rates per 100, exact below 10 events and Byar's from 10.
    [InlineData(1, 100, 0.95, 0.025317808, 5.5716434)]
    [InlineData(1, 100, 0.998, 0.0010005003, 9.2334135)]
    [InlineData(5, 100, 0.95, 1.6234864, 11.668332)]
    [InlineData(5, 100, 0.998, 0.73937173, 16.454745)]
    [InlineData(20, 100, 0.95, 12.211429, 30.889880)]
    [InlineData(20, 100, 0.998, 8.9228024, 38.085036)]
    [InlineData(222, 3215, 0.95, 6.0265749, 7.8757294)]
    [InlineData(222, 3215, 0.998, 5.5607377, 8.4610467)]
    public void RateLimitsMatchPheIndicatorMethods(double count, double population, double level, double lower, double upper)
    {
        var (rate, interval) = Counts.Rate(count, population, Level(level), multiplier: 100);
        Assert.Equal(count / population * 100, rate, 12);
        AssertInterval(new Interval(lower, upper), interval, 1e-6 * upper);
    }

    [Fact]
    public void MeanIntervalMatchesPheIndicatorMethods()
    {
        // testdata_Mean.xlsx, Area1: eight values, sd 20.975575, mean 53.704345.
        double[] values = [33.09375, 48.38596, 64.83495, 67.98475, 22.93556, 71.23587, 38.78465, 82.37927];
        var sum = values.Sum();
        var squares = values.Sum(v => v * v);
        var (mean, interval95, sd) = Means.Estimate(values.Length, sum, squares, P95);
        Assert.Equal(53.704345, mean, tolerance: 1e-6);
        Assert.Equal(20.975575, sd, tolerance: 1e-6);
        AssertInterval(new Interval(36.168325, 71.240365), interval95!.Value, 1e-5);
        AssertInterval(new Interval(18.216705, 89.191985), Means.Estimate(values.Length, sum, squares, P998).Interval!.Value, 1e-5);
    }

    [Theory]
    // Newcombe (1998), "Interval estimation for the difference between independent proportions", Stat Med 17:873,
    // method 10 (hybrid score): examples (a), (b) and (d).
    [InlineData(56, 70, 48, 80, 0.0524, 0.3339)]
    [InlineData(9, 10, 3, 10, 0.1705, 0.8090)]
    [InlineData(5, 56, 0, 29, -0.0381, 0.1926)]
    public void DifferenceIntervalMatchesNewcombe1998(double x1, double n1, double x2, double n2, double lower, double upper)
    {
        var (difference, interval) = Proportions.Difference(x1, n1, x2, n2, P95);
        Assert.Equal(x1 / n1 - x2 / n2, difference, 12);
        AssertInterval(new Interval(lower, upper), interval, 5e-5);
    }

    [Fact]
    public void SlopeIndexMatchesPheIndicatorMethods()
    {
        // testdata_SII.xlsx, area1: deciles 1 (most deprived) to 10. SII 6.9346165; the package's 95% limits
        // 3.1275946 to 10.758687 come from simulation, which its own test accepts within 0.05.
        double[] population = [7291, 7997, 6105, 7666, 5790, 6934, 5918, 5974, 7147, 7534];
        double[] value = [75.933459, 78.344238, 83.836063, 83.637540, 80.465503, 81.115676, 81.693084, 84.190006, 80.595564, 86.289435];
        double[] se = [1.6384724, 1.5781929, 1.5134355, 1.7754906, 1.7013391, 1.5641211, 1.3681148, 1.4001418, 2.4328464, 1.5665182];
        var quantiles = population.Select((p, i) => new QuantileValue(value[i], p, se[i])).ToArray();
        var (sii, interval) = SlopeIndexOfInequality.Estimate(quantiles, P95)!.Value;
        Assert.Equal(6.9346165, sii, tolerance: 1e-6);
        AssertInterval(new Interval(3.1275946, 10.758687), interval, 0.05);
    }

    [Fact]
    public void TrendMatchesFingertipsTrendMarkers()
    {
        // dhsc-govuk/PHEindicatormethods (trend markers), tests/testthat/testdata_trend_markers.xlsx: five years of
        // a proportion; chi-squared 12.5688 against the 99.8% cut-off of 9.5495 on one degree of freedom: decreasing.
        (double, double)[] years = [(318, 468.336), (314, 472.892), (318, 500.787), (291, 480.198), (292, 499.145)];
        var (direction, chiSquared, _) = Trend.OfProportions(years, P998);
        Assert.Equal(TrendDirection.Decreasing, direction);
        Assert.Equal(12.5688, chiSquared!.Value, 3);
    }

    [Fact]
    public void TrendOfOtherValuesMatchesFingertipsTrendMarkers()
    {
        // The same source, the method for any other value: five values with 95% limits; chi-squared 46.7636 and
        // gradient -1.7516: decreasing. Standard errors come from the limits: (upper - lower) / (2 x 1.959964).
        double[] values = [30.6, 30.2, 28, 24.6, 24.67];
        double[] lower = [28.98, 28.63, 26.44, 23.15, 23.16];
        double[] upper = [32.25, 31.9, 29.64, 26.19, 26.25];
        var points = values.Select((v, i) => (v, (upper[i] - lower[i]) / (2 * P95.Z))).ToArray();
        var (direction, chiSquared, _) = Trend.OfValues(points, P998);
        Assert.Equal(TrendDirection.Decreasing, direction);
        Assert.Equal(46.7636, chiSquared!.Value, 3);
    }

    [Fact]
    public void NormalQuantilesAreTheOnesFingertipsUses()
    {
        Assert.Equal(1.959964, P95.Z, 6);
        Assert.Equal(3.090232, P998.Z, 6);
    }

    private static ConfidenceLevel Level(double level) => level == 0.95 ? P95 : P998;

    private static void AssertInterval(Interval expected, Interval actual, double tolerance)
    {
        Assert.True(Math.Abs(expected.Lower - actual.Lower) <= tolerance, $"lower {actual.Lower} differs from {expected.Lower}");
        Assert.True(Math.Abs(expected.Upper - actual.Upper) <= tolerance, $"upper {actual.Upper} differs from {expected.Upper}");
    }
}
