using MathNet.Numerics.Distributions;

namespace Observatory.Indicators.Statistics;

/// <summary>
/// The mean of a sample with its t-distribution interval (PHEindicatormethods::phe_mean): mean ± t(1 − α/2; n − 1)
/// × s / √n, with s the sample standard deviation. Works from running sums so the database can add them up.
/// </summary>
public static class Means
{
    /// <param name="n">Observations.</param>
    /// <param name="sum">Sum of the values.</param>
    /// <param name="sumOfSquares">Sum of the squared values.</param>
    /// <returns>The mean and its interval; no interval for fewer than two observations.</returns>
    public static (double Mean, Interval? Interval, double StandardDeviation) Estimate(double n, double sum, double sumOfSquares, ConfidenceLevel level)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        var mean = sum / n;
        if (n < 2)
        {
            return (mean, null, double.NaN);
        }

        // Sample variance from the sums, guarded against rounding below zero when every value is equal.
        var variance = Math.Max(0, (sumOfSquares - n * mean * mean) / (n - 1));
        var sd = Math.Sqrt(variance);
        var half = StudentT.InvCDF(0, 1, n - 1, 1 - level.Alpha / 2) * sd / Math.Sqrt(n);
        return (mean, new Interval(mean - half, mean + half), sd);
    }
}
