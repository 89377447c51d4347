using MathNet.Numerics.Distributions;

namespace Observatory.Indicators.Statistics;

/// <summary>Direction of a recent trend, before polarity says whether it is getting better or worse.</summary>
public enum TrendDirection
{
    NotEnoughData,
    NoSignificantChange,
    Increasing,
    Decreasing,
}

/// <summary>
/// Recent trends as Fingertips' trend markers define them (OHID technical guidance, "Trend markers"). For a
/// proportion: the chi-squared test for linear trend (Cochran 1954; Armitage 1955) over the
/// most recent <see cref="Points"/> periods, scored 1, 2, …, as Fingertips' recent trends are. χ² =
/// (Σ xᵢtᵢ − X·Σ nᵢtᵢ/N)² / (p̄(1 − p̄)(Σ nᵢtᵢ² − (Σ nᵢtᵢ)²/N)) on one degree of freedom.
/// </summary>
public static class Trend
{
    public const int Points = 5;

    /// <param name="periods">Successes and totals, oldest first; only the last <see cref="Points"/> are used.</param>
    /// <summary>
    /// For any other value with a confidence interval: the inverse-variance weighted least-squares slope of the
    /// value on the period number, χ² = b² / Var b with Var b = 1 / Σ wᵢ(tᵢ − t̄)² and wᵢ = 1 / SEᵢ².
    /// </summary>
    /// <param name="periods">Values and their standard errors, oldest first; only the last <see cref="Points"/> are used.</param>
    public static (TrendDirection Direction, double? ChiSquared, double? PValue) OfValues(
        IReadOnlyList<(double Value, double StandardError)> periods, ConfidenceLevel level)
    {
        var recent = periods.Skip(Math.Max(0, periods.Count - Points)).ToArray();
        if (recent.Length < Points || recent.Any(p => !(p.StandardError > 0)))
        {
            return (TrendDirection.NotEnoughData, null, null);
        }

        var weights = recent.Select(p => 1 / (p.StandardError * p.StandardError)).ToArray();
        var total = weights.Sum();
        var meanT = weights.Select((w, i) => w * (i + 1)).Sum() / total;
        var meanY = weights.Select((w, i) => w * recent[i].Value).Sum() / total;
        double spread = 0, covariance = 0;
        for (var i = 0; i < recent.Length; i++)
        {
            spread += weights[i] * (i + 1 - meanT) * (i + 1 - meanT);
            covariance += weights[i] * (i + 1 - meanT) * (recent[i].Value - meanY);
        }

        var slope = covariance / spread;
        return Decide(slope, slope * slope * spread, level);
    }

    public static (TrendDirection Direction, double? ChiSquared, double? PValue) OfProportions(
        IReadOnlyList<(double Successes, double Total)> periods, ConfidenceLevel level)
    {
        var recent = periods.Skip(Math.Max(0, periods.Count - Points)).ToArray();
        if (recent.Length < Points || recent.Any(p => p.Total <= 0))
        {
            return (TrendDirection.NotEnoughData, null, null);
        }

        double n = 0, x = 0, nt = 0, ntt = 0, xt = 0;
        for (var i = 0; i < recent.Length; i++)
        {
            var t = i + 1.0;
            n += recent[i].Total;
            x += recent[i].Successes;
            nt += recent[i].Total * t;
            ntt += recent[i].Total * t * t;
            xt += recent[i].Successes * t;
        }

        var p = x / n;
        var denominator = p * (1 - p) * (ntt - nt * nt / n);
        if (denominator <= 0)
        {
            return (TrendDirection.NoSignificantChange, 0, 1);
        }

        var statistic = xt - x * nt / n;
        return Decide(statistic, statistic * statistic / denominator, level);
    }

    private static (TrendDirection, double?, double?) Decide(double slope, double chiSquared, ConfidenceLevel level)
    {
        var pValue = 1 - ChiSquared.CDF(1, chiSquared);
        var direction = pValue >= level.Alpha ? TrendDirection.NoSignificantChange
            : slope > 0 ? TrendDirection.Increasing : TrendDirection.Decreasing;
        return (direction, chiSquared, pValue);
    }
}
