using MathNet.Numerics.Distributions;

namespace Observatory.Indicators.Statistics;

/// <summary>
/// Confidence intervals for counts of events and the rates built on them, by the methods of OHID's
/// PHEindicatormethods (phe_rate, byars_lower, byars_upper): the exact Poisson interval below 10 events and
/// Byar's approximation from 10 up (Breslow and Day 1987).
/// </summary>
public static class Counts
{
    /// <summary>Counts below this use the exact method.</summary>
    public const double ExactBelow = 10;

    public static Interval Interval(double count, ConfidenceLevel level)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return count < ExactBelow ? Exact(count, level) : Byar(count, level);
    }

    /// <summary>Exact Poisson limits from the chi-squared distribution: χ²(α/2; 2x)/2 and χ²(1 − α/2; 2x + 2)/2.</summary>
    public static Interval Exact(double count, ConfidenceLevel level)
    {
        var lower = count == 0 ? 0 : ChiSquared.InvCDF(2 * count, level.Alpha / 2) / 2;
        var upper = ChiSquared.InvCDF(2 * count + 2, 1 - level.Alpha / 2) / 2;
        return new Interval(lower, upper);
    }

    /// <summary>Byar's limits: x(1 − 1/9x − z/3√x)³ and (x + 1)(1 − 1/9(x + 1) + z/3√(x + 1))³.</summary>
    public static Interval Byar(double count, ConfidenceLevel level)
    {
        var z = level.Z;
        var lower = count == 0 ? 0 : count * Math.Pow(1 - 1 / (9 * count) - z / (3 * Math.Sqrt(count)), 3);
        var next = count + 1;
        var upper = next * Math.Pow(1 - 1 / (9 * next) + z / (3 * Math.Sqrt(next)), 3);
        return new Interval(lower, upper);
    }

    /// <summary>A crude rate per <paramref name="multiplier"/> people with the count's limits scaled alike.</summary>
    public static (double Rate, Interval Interval) Rate(double count, double population, ConfidenceLevel level, double multiplier = 100_000)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(population);
        var limits = Interval(count, level);
        var scale = multiplier / population;
        return (count * scale, new Interval(limits.Lower * scale, limits.Upper * scale));
    }

    /// <summary>
    /// Ratio of two crude rates with the log interval exp(ln RR ± z √(1/x1 + 1/x2)) (Poisson counts, the rate
    /// ratio test of Fingertips' technical guidance). Undefined (null) when either count is zero.
    /// </summary>
    public static (double Ratio, Interval Interval)? RateRatio(
        double count1, double population1, double count2, double population2, ConfidenceLevel level)
    {
        if (count1 <= 0 || count2 <= 0)
        {
            return null;
        }

        var ratio = count1 / population1 / (count2 / population2);
        return (ratio, Proportions.LogInterval(ratio, Math.Sqrt(1 / count1 + 1 / count2), level));
    }
}
