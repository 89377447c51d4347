using Observatory.Indicators.Catalogue;
using Observatory.Indicators.Disclosure;
using Observatory.Indicators.Statistics;

namespace Observatory.Indicators.Computation;

/// <summary>
/// The cell-key protection of an indicator's cells at the controlled level: each count of records or people is
/// published perturbed (<see cref="CellKeys"/>), the same cell alike wherever it appears, a published count from
/// 1 to 7 is withheld with every value built on it, and the value and its intervals are computed from the published
/// counts. Cells are protected one by one: no cell's publication depends on another's, so linking tables reveals
/// nothing that each cell's noise does not already cover.
/// </summary>
internal sealed class CellDisclosure(CellKeys keys)
{
    /// <summary>
    /// The cells released at the controlled level, by period: each whole financial year and the quarters within it.
    /// </summary>
    public Dictionary<(PeriodType, int), List<Cell>> ByPeriod(IndicatorPlan plan, MonthlySeries series, int firstMonth, int lastMonth)
    {
        var result = new Dictionary<(PeriodType, int), List<Cell>>();
        if (!plan.Definition.Periods.Contains(PeriodType.FinancialYear))
        {
            return result;
        }

        var withQuarters = plan.Definition.Periods.Contains(PeriodType.Quarter);
        foreach (var year in Period.Within(PeriodType.FinancialYear, firstMonth, lastMonth))
        {
            var periods = withQuarters ? [year, .. Period.Within(PeriodType.Quarter, year.FirstMonth, year.LastMonth)] : new List<Period> { year };
            foreach (var period in periods)
            {
                var cells = Cell.Of(plan, series, period);
                foreach (var cell in cells)
                {
                    (cell.Published, cell.Suppression) = Protect(plan, cell.Sums, cell.Exact.Population);
                }

                result[(period.Type, period.FirstMonth)] = cells;
            }
        }

        return result;
    }

    /// <summary>
    /// One cell as released at the controlled level. Protected: numerators that count records or people, and
    /// denominators that count them (proportions, means). Not protected: census populations (public) and counts of
    /// organisations (schools). A mean keeps its value and standard deviation; its count is the published one, and
    /// its interval is computed with that count, so the interval gives away no more than the published count.
    /// </summary>
    public (CellValue Published, Suppression Suppression) Protect(IndicatorPlan plan, Sums sums, double population)
    {
        var unit = plan.Definition.Unit;
        var (n, d) = ((long)Math.Round(sums.Numerator), (long)Math.Round(sums.Denominator));
        var numerator = unit == IndicatorUnit.Mean ? (long?)null
            : plan.ProtectsNumerator ? keys.Publish(n, (long)sums.NumeratorKeys) : n;
        var denominator = plan.DenominatorKeys is not null ? keys.Publish(d, (long)sums.DenominatorKeys) : d;
        var withheld = (plan.ProtectsNumerator && numerator is { } published && keys.Rules.Withholds(published))
            || (plan.DenominatorKeys is not null && keys.Rules.Withholds(denominator));
        if (withheld)
        {
            return (default(CellValue) with { Population = population }, Suppression.SmallCount);
        }

        if (unit == IndicatorUnit.Mean)
        {
            return (Mean(sums, denominator), Suppression.None);
        }

        // A proportion's numerator is part of its denominator: as published too.
        var count = unit == IndicatorUnit.Proportion ? Math.Min(numerator!.Value, denominator) : numerator!.Value;
        return (CellValue.Of(unit, count, denominator, 0, population), Suppression.None);
    }

    /// <summary>The exact mean and standard deviation, with the published count and the interval that count gives; no sum.</summary>
    private static CellValue Mean(Sums sums, long count)
    {
        if (count <= 0 || sums.Denominator <= 0)
        {
            return default(CellValue) with { Denominator = count, Numerator = double.NaN };
        }

        var (mean, _, sd) = Means.Estimate(sums.Denominator, sums.Numerator, sums.Squares, ConfidenceLevel.NinetyFive);
        // The sums a sample of the published size with the same mean and standard deviation would have.
        var squares = double.IsNaN(sd) ? mean * mean * count : sd * sd * (count - 1) + count * mean * mean;
        return CellValue.Of(IndicatorUnit.Mean, mean * count, count, squares, 0) with { Numerator = double.NaN };
    }

    /// <summary>
    /// Each breakdown's total recomputed from its published groups (so a table adds up): counts, proportions and
    /// rates. It is a sum of published values, so it reveals nothing they do not.
    /// </summary>
    public static IEnumerable<Cell> Totals(IndicatorPlan plan, List<Cell> cells)
    {
        var unit = plan.Definition.Unit;
        if (unit == IndicatorUnit.Mean)
        {
            yield break;
        }

        foreach (var breakdown in cells.Where(c => c.Breakdown > 0).GroupBy(c => (c.Area, c.Breakdown)))
        {
            var published = breakdown.Where(c => c.Suppression == Suppression.None).ToList();
            var total = CellValue.Of(unit, published.Sum(c => c.Published.Numerator), published.Sum(c => c.Published.Denominator), 0,
                published.Sum(c => c.Published.Population));
            yield return new Cell(breakdown.Key.Area, breakdown.Key.Breakdown, -1, total) { Published = total, Suppression = Suppression.None };
        }
    }
}
