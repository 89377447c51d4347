using Observatory.Indicators.Catalogue;
using Observatory.Indicators.Disclosure;
using Observatory.Indicators.Statistics;

namespace Observatory.Indicators.Computation;

/// <summary>
/// The statistics a value is published with beyond its own intervals: the comparison with its breakdown's
/// reference group, the recent trend and, on overall rows, the slope index of inequality across deprivation deciles.
/// </summary>
internal sealed class ValueStatistics(CellDisclosure disclosure)
{
    private static readonly ConfidenceLevel P95 = ConfidenceLevel.NinetyFive;
    private static readonly ConfidenceLevel P998 = ConfidenceLevel.NinetyNinePointEight;

    /// <summary>
    /// Against the reference group: the difference for proportions (Newcombe's interval) and means (normal
    /// interval on the two standard errors), the ratio for rates (log interval); judged by whether the two 95%
    /// intervals overlap. Counts have no denominator to compare on.
    /// </summary>
    public static (string? Measure, double? Value, Interval? Interval, Judgement) Compare(IndicatorDefinition definition, CellValue x, CellValue reference)
    {
        if (x is not { Value: { } value, Ci95: { } ci } || reference is not { Value: { } referenceValue, Ci95: { } referenceCi })
        {
            return (null, null, null, Judgement.NotCompared);
        }

        var judgement = Judgements.AgainstReference(value, ci, referenceValue, referenceCi, definition.Polarity);
        switch (definition.Unit)
        {
            case IndicatorUnit.Proportion:
                var (difference, interval) = Proportions.Difference(x.Numerator, x.Denominator, reference.Numerator, reference.Denominator, P95);
                return ("Difference", difference, interval, judgement);
            case IndicatorUnit.RatePer100000:
                return Counts.RateRatio(x.Numerator, x.Population, reference.Numerator, reference.Population, P95) is { } ratio
                    ? ("RateRatio", ratio.Ratio, ratio.Interval, judgement)
                    : ("RateRatio", null, null, judgement);
            case IndicatorUnit.Mean when x.StandardError is { } se && reference.StandardError is { } referenceSe:
                var gap = value - referenceValue;
                var half = P95.Z * Math.Sqrt(se * se + referenceSe * referenceSe);
                return ("Difference", gap, new Interval(gap - half, gap + half), judgement);
            default:
                return (null, null, null, Judgement.NotCompared);
        }
    }

    public static (TrendDirection, string?) Trend(IndicatorDefinition definition, CellValue?[] past, int at, int step)
    {
        var points = new List<CellValue>();
        for (var i = at - (Statistics.Trend.Points - 1) * step; i <= at; i += step)
        {
            if (i < 0 || past[i] is not { } point)
            {
                return (TrendDirection.NotEnoughData, null);
            }

            points.Add(point);
        }

        var (direction, _, _) = definition.Unit == IndicatorUnit.Proportion
            ? Statistics.Trend.OfProportions([.. points.Select(p => (p.Numerator, p.Denominator))], P998)
            : Statistics.Trend.OfValues([.. points.Select(p => (p.Value!.Value, p.StandardError ?? 0))], P998);
        var meaning = (direction, definition.Polarity) switch
        {
            (TrendDirection.NoSignificantChange, _) => "NoSignificantChange",
            (_, Polarity.NoJudgement) or (TrendDirection.NotEnoughData, _) => null,
            (TrendDirection.Increasing, Polarity.HigherIsBetter) or (TrendDirection.Decreasing, Polarity.LowerIsBetter) => "Improving",
            _ => "Worsening",
        };
        return (direction, meaning);
    }

    /// <summary>
    /// The slope index of inequality across the ten IMD deciles for proportions and means, weighting each decile
    /// by its denominator. At the controlled level it is computed from each decile as published, and not given when a
    /// decile is withheld.
    /// </summary>
    public (double, Interval)? SlopeIndex(IndicatorPlan plan, MonthlySeries series, Period period, int area, bool controlled)
    {
        var unit = plan.Definition.Unit;
        if (plan.Deciles is null || unit is not (IndicatorUnit.Proportion or IndicatorUnit.Mean))
        {
            return null;
        }

        var first = series.Calendar.Index(period.FirstMonth);
        var last = series.Calendar.Index(period.LastMonth);
        var quantiles = new List<QuantileValue>();
        for (var decile = 0; decile < 10; decile++)
        {
            var sums = series.SumDecile(area, decile, first, last);
            var (value, suppression) = controlled
                ? disclosure.Protect(plan, sums, 0)
                : (CellValue.Of(unit, sums.Numerator, sums.Denominator, sums.Squares, 0), Suppression.None);
            if (suppression != Suppression.None)
            {
                return null;
            }

            if (value is { Value: { } v, StandardError: { } se } && se > 0)
            {
                quantiles.Add(new QuantileValue(v, value.Denominator, se));
            }
        }

        return quantiles.Count >= 5 ? SlopeIndexOfInequality.Estimate(quantiles, P95) : null;
    }
}
