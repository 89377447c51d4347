using Observatory.Indicators.Catalogue;
using Observatory.Indicators.Statistics;

namespace Observatory.Indicators.Computation;

/// <summary>
/// The counts behind one value (exact, or as published after disclosure control) and the statistics the
/// indicator's unit calls for: the value, its 95% and 99.8% intervals and its standard error.
/// </summary>
internal readonly record struct CellValue(
    double Numerator, double Denominator, double Squares, double Population,
    double? Value, Interval? Ci95, Interval? Ci998, double? StandardError)
{
    private static readonly ConfidenceLevel P95 = ConfidenceLevel.NinetyFive;
    private static readonly ConfidenceLevel P998 = ConfidenceLevel.NinetyNinePointEight;

    public static CellValue Of(IndicatorUnit unit, double n, double d, double squares, double population)
    {
        switch (unit)
        {
            case IndicatorUnit.Count:
                var count95 = Counts.Interval(n, P95);
                return new(n, d, squares, population, n, count95, Counts.Interval(n, P998), FromInterval(count95));
            case IndicatorUnit.Proportion when d > 0 && n <= d:
                var p = n / d;
                return new(n, d, squares, population, p, Proportions.Wilson(n, d, P95), Proportions.Wilson(n, d, P998), Math.Sqrt(p * (1 - p) / d));
            case IndicatorUnit.RatePer100000 when population > 0:
                var (rate, rate95) = Counts.Rate(n, population, P95);
                return new(n, d, squares, population, rate, rate95, Counts.Rate(n, population, P998).Interval, FromInterval(rate95));
            case IndicatorUnit.Mean when d > 0:
                var (mean, mean95, sd) = Means.Estimate(d, n, squares, P95);
                return new(n, d, squares, population, mean, mean95, Means.Estimate(d, n, squares, P998).Interval,
                    double.IsNaN(sd) ? null : sd / Math.Sqrt(d));
            default:
                // No denominator (no one at risk, or no residents in the group): no value.
                return new(n, d, squares, population, null, null, null, null);
        }
    }

    private static double FromInterval(Interval interval) => (interval.Upper - interval.Lower) / (2 * P95.Z);
}
