namespace Observatory.Indicators.Statistics;

/// <summary>Confidence intervals for proportions and for comparing two of them.</summary>
public static class Proportions
{
    /// <summary>
    /// Wilson score interval for <paramref name="successes"/> out of <paramref name="total"/> (Wilson 1927; the
    /// method of OHID's PHEindicatormethods::phe_proportion): (2x + z² ± z√(z² + 4x(1 − p))) / 2(n + z²).
    /// It stays inside [0, 1] and behaves at 0 and at n, unlike the normal approximation.
    /// </summary>
    public static Interval Wilson(double successes, double total, ConfidenceLevel level)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(total);
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, total);
        var z = level.Z;
        var p = successes / total;
        var centre = 2 * successes + z * z;
        var spread = z * Math.Sqrt(z * z + 4 * successes * (1 - p));
        var scale = 2 * (total + z * z);
        return new Interval(Math.Max(0, (centre - spread) / scale), Math.Min(1, (centre + spread) / scale));
    }

    /// <summary>
    /// Difference p1 − p2 of two independent proportions with Newcombe's hybrid score interval (Newcombe 1998,
    /// "Interval estimation for the difference between independent proportions", method 10), built from each
    /// proportion's Wilson interval: lower = d − √((p1 − l1)² + (u2 − p2)²), upper = d + √((u1 − p1)² + (p2 − l2)²).
    /// </summary>
    public static (double Difference, Interval Interval) Difference(
        double successes1, double total1, double successes2, double total2, ConfidenceLevel level)
    {
        var (p1, p2) = (successes1 / total1, successes2 / total2);
        var (w1, w2) = (Wilson(successes1, total1, level), Wilson(successes2, total2, level));
        var d = p1 - p2;
        return (d, new Interval(
            d - Math.Sqrt(Square(p1 - w1.Lower) + Square(w2.Upper - p2)),
            d + Math.Sqrt(Square(w1.Upper - p1) + Square(p2 - w2.Lower))));
    }

    /// <summary>
    /// Ratio p1 / p2 of two independent proportions with the log (Katz) interval:
    /// exp(ln r ± z √(1/x1 − 1/n1 + 1/x2 − 1/n2)). Undefined (null) when either count is zero.
    /// </summary>
    public static (double Ratio, Interval Interval)? Ratio(
        double successes1, double total1, double successes2, double total2, ConfidenceLevel level)
    {
        if (successes1 <= 0 || successes2 <= 0)
        {
            return null;
        }

        var ratio = successes1 / total1 / (successes2 / total2);
        var standardError = Math.Sqrt(1 / successes1 - 1 / total1 + 1 / successes2 - 1 / total2);
        return (ratio, LogInterval(ratio, standardError, level));
    }

    internal static Interval LogInterval(double ratio, double standardError, ConfidenceLevel level) =>
        new(Math.Exp(Math.Log(ratio) - level.Z * standardError), Math.Exp(Math.Log(ratio) + level.Z * standardError));

    private static double Square(double x) => x * x;
}
