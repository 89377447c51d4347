using Observatory.Indicators.Catalogue;

namespace Observatory.Indicators.Statistics;

/// <summary>
/// How a value of each unit and its interval are computed, in words for readers (the dashboards' "about this figure"):
/// the same methods <see cref="Counts"/>, <see cref="Proportions"/> and <see cref="Means"/> implement.
/// </summary>
public static class Methods
{
    /// <summary>How values are judged (<see cref="Judgements"/>), whatever their unit.</summary>
    public const string Judging =
        "A group is coloured better or worse than the reference group only when the two 95% intervals do not overlap, and than a target or the overall value only when its interval lies wholly above or below it (OHID Fingertips' conventions); otherwise it is similar.";

    public static string Describe(IndicatorUnit unit) => Value(unit) + " " + Judging;

    private static string Value(IndicatorUnit unit) => unit switch
    {
        IndicatorUnit.Proportion =>
            "The numerator divided by the denominator. The 95% interval is Wilson's score interval. The gap to the reference group is a difference of proportions, with Newcombe's interval.",
        IndicatorUnit.RatePer100000 =>
            "The numerator per 100,000 residents in the 2021 Census. The 95% interval is the count's exact Poisson interval below 10 events and Byar's approximation from 10 up, scaled to the rate. The gap to the reference group is a rate ratio, with its log interval.",
        IndicatorUnit.Mean =>
            "The mean of the measured values. The 95% interval is from the t distribution with the sample's standard deviation. The gap to the reference group is a difference of means.",
        _ =>
            "A count. The 95% interval is the exact Poisson interval below 10 events and Byar's approximation from 10 up.",
    };
}
