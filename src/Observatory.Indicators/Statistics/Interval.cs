namespace Observatory.Indicators.Statistics;

/// <summary>A confidence interval: lower and upper limits.</summary>
public readonly record struct Interval(double Lower, double Upper)
{
    public bool Contains(double value) => Lower <= value && value <= Upper;

    /// <summary>True when the two intervals share no value.</summary>
    public bool IsApartFrom(Interval other) => Upper < other.Lower || other.Upper < Lower;
}
