using MathNet.Numerics.Distributions;

namespace Observatory.Indicators.Statistics;

/// <summary>
/// The two confidence levels Fingertips publishes: 95% and 99.8% (about three standard deviations, used for
/// control-chart style comparisons). Each carries its two-sided normal quantile.
/// </summary>
public sealed record ConfidenceLevel(double Level)
{
    public static readonly ConfidenceLevel NinetyFive = new(0.95);
    public static readonly ConfidenceLevel NinetyNinePointEight = new(0.998);

    /// <summary>Probability outside the interval, split equally between the tails.</summary>
    public double Alpha => 1 - Level;

    /// <summary>The normal quantile z with P(-z &lt; Z &lt; z) = Level: 1.959964 at 95%, 3.090232 at 99.8%.</summary>
    public double Z { get; } = Normal.InvCDF(0, 1, 1 - (1 - Level) / 2);
}
