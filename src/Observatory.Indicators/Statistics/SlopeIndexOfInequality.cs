namespace Observatory.Indicators.Statistics;

/// <summary>One deprivation quantile's value, the population it stands for, and the value's standard error.</summary>
public readonly record struct QuantileValue(double Value, double Population, double StandardError);

/// <summary>
/// Slope index of inequality (SII): the absolute gap across the whole deprivation gradient, in the units of the
/// indicator. Quantiles are ordered from most deprived to least deprived; each sits at the midpoint of its
/// cumulative population share (its relative rank, 0 = most deprived, 1 = least); the SII is the slope of the
/// population-weighted least-squares line of value on rank (as PHEindicatormethods::phe_sii fits it), so it is the
/// fitted value for the least deprived minus that for the most deprived. Positive means the least deprived have
/// the higher value. Its interval propagates each quantile's sampling variance through the weighted slope
/// (Var b = Σ (wᵢ(aᵢ − ā))² SEᵢ² / (Σ wᵢ(aᵢ − ā)²)²) with a normal quantile, the analytic form of the variance the
/// package estimates by simulation.
/// </summary>
public static class SlopeIndexOfInequality
{
    public static (double Sii, Interval Interval)? Estimate(IReadOnlyList<QuantileValue> quantiles, ConfidenceLevel level)
    {
        var total = quantiles.Sum(q => q.Population);
        if (quantiles.Count < 2 || total <= 0 || quantiles.Any(q => q.Population <= 0))
        {
            return null;
        }

        var ranks = new double[quantiles.Count];
        var below = 0.0;
        for (var i = 0; i < quantiles.Count; i++)
        {
            ranks[i] = (below + quantiles[i].Population / 2) / total;
            below += quantiles[i].Population;
        }

        var meanRank = quantiles.Select((q, i) => q.Population * ranks[i]).Sum() / total;
        var meanValue = quantiles.Sum(q => q.Population * q.Value) / total;
        double spread = 0, covariance = 0, variance = 0;
        for (var i = 0; i < quantiles.Count; i++)
        {
            var (w, d) = (quantiles[i].Population, ranks[i] - meanRank);
            spread += w * d * d;
            covariance += w * d * (quantiles[i].Value - meanValue);
            variance += w * d * (w * d) * quantiles[i].StandardError * quantiles[i].StandardError;
        }

        var slope = covariance / spread;
        var half = level.Z * Math.Sqrt(variance) / spread;
        return (slope, new Interval(slope - half, slope + half));
    }
}
