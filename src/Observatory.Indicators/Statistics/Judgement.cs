namespace Observatory.Indicators.Statistics;

/// <summary>Whether a higher value of an indicator is better, worse, or neither (for counts of activity).</summary>
public enum Polarity
{
    NoJudgement,
    HigherIsBetter,
    LowerIsBetter,
}

/// <summary>How a value compares with a reference group or a target.</summary>
public enum Judgement
{
    NotCompared,
    Better,
    Similar,
    Worse,
    /// <summary>Significantly higher, for indicators with no polarity.</summary>
    Higher,
    /// <summary>Significantly lower, for indicators with no polarity.</summary>
    Lower,
}

/// <summary>
/// Significance judgements by the conventions of OHID Fingertips' technical guidance, at the confidence level given
/// (95% by default in the values): against a reference group, the two groups' intervals must not overlap; against a
/// benchmark (a fixed point: a target, or the overall value a group is part of), the value's interval must lie
/// wholly above or below it.
/// </summary>
public static class Judgements
{
    public static Judgement AgainstReference(double value, Interval interval, double reference, Interval referenceInterval, Polarity polarity) =>
        interval.IsApartFrom(referenceInterval) ? Direction(value > reference, polarity) : Judgement.Similar;

    public static Judgement AgainstBenchmark(Interval interval, double benchmark, Polarity polarity) =>
        interval.Contains(benchmark) ? Judgement.Similar : Direction(interval.Lower > benchmark, polarity);

    private static Judgement Direction(bool higher, Polarity polarity) => polarity switch
    {
        Polarity.HigherIsBetter => higher ? Judgement.Better : Judgement.Worse,
        Polarity.LowerIsBetter => higher ? Judgement.Worse : Judgement.Better,
        _ => higher ? Judgement.Higher : Judgement.Lower,
    };
}
