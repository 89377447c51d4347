using Observatory.Indicators.Catalogue;
using Observatory.Indicators.Disclosure;
using Observatory.Indicators.Statistics;
using Observatory.Warehouse.Model.Indicators;

namespace Observatory.Indicators.Computation;

/// <summary>
/// Turns an indicator's monthly sums into its values: for every period, area and group, the exact
/// ('Unrestricted') value and the disclosure-controlled one, each with intervals, the comparison with the
/// breakdown's reference group, the comparison with the target, the recent trend and, on overall rows, the
/// slope index of inequality across deprivation deciles.
/// </summary>
internal sealed class ValueBuilder(DisclosureRules rules, IReadOnlyList<string> areaNames)
{
    private static readonly ConfidenceLevel P95 = ConfidenceLevel.NinetyFive;
    private static readonly ConfidenceLevel P998 = ConfidenceLevel.NinetyNinePointEight;

    /// <summary>A value of one area, breakdown and group (group −1: the controlled total of a breakdown's published groups).</summary>
    private sealed record Cell(int Area, int Breakdown, int Group, CellValue Exact)
    {
        public CellValue Published { get; set; }
        public Suppression Suppression { get; set; }
    }

    public IEnumerable<IndicatorValue> Build(IndicatorPlan plan, MonthlySeries series, int firstMonth, int lastMonth)
    {
        var definition = plan.Definition;
        var controlledCells = ProtectedCells(plan, series, firstMonth, lastMonth);
        foreach (var type in definition.Periods)
        {
            var periods = Period.Within(type, firstMonth, lastMonth);
            // Trends use non-overlapping periods: the previous months, quarters or years, or the 12-month windows a year apart.
            var step = type == PeriodType.Rolling12Months ? 12 : 1;
            var history = new Dictionary<(bool, int, int, int), CellValue?[]>();
            for (var p = 0; p < periods.Count; p++)
            {
                var period = periods[p];
                // Researchers get financial years and the quarters within them, protected together (ProtectedCells);
                // months and rolling windows overlap in ways that would let a withheld count be worked out.
                var published = controlledCells.TryGetValue((period.Type, period.FirstMonth), out var cells);
                cells ??= Cells(plan, series, period);

                foreach (var controlled in published ? (bool[])[false, true] : [false])
                {
                    var all = controlled ? cells.Concat(Totals(plan, cells)).ToList() : cells;
                    var lookup = all.ToDictionary(c => (c.Area, c.Breakdown, c.Group));
                    foreach (var cell in all)
                    {
                        var value = controlled ? cell.Published : cell.Exact;
                        var key = (controlled, cell.Area, cell.Breakdown, cell.Group);
                        if (!history.TryGetValue(key, out var past))
                        {
                            history[key] = past = new CellValue?[periods.Count];
                        }

                        past[p] = value.Value is null ? null : value;
                        yield return Row(plan, period, cell, value, controlled, lookup, Trend(definition, past, p, step),
                            cell.Breakdown == 0 ? SlopeIndex(plan, series, period, cell.Area, controlled) : null);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Single months and rolling 12-month windows (one a month) are given overall, by ethnic group and by service;
    /// the finer breakdowns start at quarters and financial years, where their numbers are large enough to read.
    /// </summary>
    public static readonly IReadOnlySet<string> MonthlyBreakdowns = new HashSet<string> { Breakdown.Overall, "ethnic-group", "service" };

    private static List<Cell> Cells(IndicatorPlan plan, MonthlySeries series, Period period)
    {
        var unit = plan.Definition.Unit;
        var first = series.Calendar.Index(period.FirstMonth);
        var last = series.Calendar.Index(period.LastMonth);
        var cells = new List<Cell>();
        for (var area = 0; area < series.Areas; area++)
        {
            for (var b = 0; b < plan.Breakdowns.Count; b++)
            {
                if (period.Type is PeriodType.Month or PeriodType.Rolling12Months && !MonthlyBreakdowns.Contains(plan.Breakdowns[b].Id))
                {
                    continue;
                }

                for (var g = 0; g < plan.Breakdowns[b].Groups.Groups.Count; g++)
                {
                    // The overall figure is always given; a group is given where it ever had a row in the area.
                    if (b == 0 || series.Has(area, b, g))
                    {
                        var (n, d, s) = series.Sum(area, b, g, first, last);
                        cells.Add(new Cell(area, b, g, CellValue.Of(unit, n, d, s, series.Population(area, b, g))));
                    }
                }
            }
        }

        return cells;
    }

    /// <summary>
    /// The cells researchers get, by period: each whole financial year and its quarters, disclosure-controlled
    /// together. Within each period the groups are linked as <see cref="Protect"/> says; across periods the four
    /// quarters of one area, breakdown and group add up to the year, so they are linked too, and a quarter is
    /// never the only one of its year withheld (the year minus the other three would give it away).
    /// </summary>
    private Dictionary<(PeriodType, int), List<Cell>> ProtectedCells(IndicatorPlan plan, MonthlySeries series, int firstMonth, int lastMonth)
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
            var cells = new List<Cell>();
            var groups = new List<IReadOnlyList<int>>();
            var at = new Dictionary<(int Area, int Breakdown, int Group), List<int>>();
            foreach (var period in periods)
            {
                var periodCells = Cells(plan, series, period);
                var offset = cells.Count;
                groups.AddRange(LinkedGroups(plan, periodCells).Select(g => (IReadOnlyList<int>)[.. g.Select(i => i + offset)]));
                for (var i = 0; period.Type == PeriodType.Quarter && i < periodCells.Count; i++)
                {
                    var key = (periodCells[i].Area, periodCells[i].Breakdown, periodCells[i].Group);
                    if (!at.TryGetValue(key, out var quarters))
                    {
                        at[key] = quarters = [];
                    }

                    quarters.Add(offset + i);
                }

                cells.AddRange(periodCells);
                result[(period.Type, period.FirstMonth)] = periodCells;
            }

            groups.AddRange(at.Values.Where(q => q.Count > 1));
            Protect(plan, cells, groups);
        }

        return result;
    }

    /// <summary>
    /// Disclosure control over one period's values of every area and breakdown together, since they are linked:
    /// a breakdown's groups add up to the area's overall figure, detailed ethnic categories to their broad group,
    /// the boroughs to the ICS. Counts of people are protected (numerators, and denominators that count people);
    /// census populations are public. The published values are recomputed from the published counts.
    /// </summary>
    /// <param name="groups">The linked groups of <paramref name="cells"/> (<see cref="LinkedGroups"/>, and across periods).</param>
    private void Protect(IndicatorPlan plan, List<Cell> cells, IReadOnlyList<IReadOnlyList<int>> groups)
    {
        var unit = plan.Definition.Unit;
        var numerators = unit == IndicatorUnit.Mean ? null
            : CellSuppression.Protect(cells.Select(c => (long)Math.Round(c.Exact.Numerator)).ToArray(), groups, rules);
        var denominators = unit is IndicatorUnit.Proportion or IndicatorUnit.Mean
            ? CellSuppression.Protect(cells.Select(c => (long)Math.Round(c.Exact.Denominator)).ToArray(), groups, rules)
            : null;
        for (var i = 0; i < cells.Count; i++)
        {
            var (n, d) = (numerators?[i], denominators?[i]);
            var withheld = n is { Value: null } ? n.Value.Suppression : d is { Value: null } ? d.Value.Suppression : Suppression.None;
            var exact = cells[i].Exact;
            cells[i].Suppression = withheld;
            cells[i].Published = withheld != Suppression.None ? default(CellValue) with { Population = exact.Population }
                : unit == IndicatorUnit.Mean ? exact.WithPublishedCount(d!.Value.Value!.Value)
                : CellValue.Of(unit, n!.Value.Value!.Value, d?.Value ?? 0, 0, exact.Population);
        }
    }

    private static List<IReadOnlyList<int>> LinkedGroups(IndicatorPlan plan, List<Cell> cells)
    {
        var index = cells.Select((c, i) => (c, i)).ToDictionary(p => (p.c.Area, p.c.Breakdown, p.c.Group), p => p.i);
        var groups = new List<IReadOnlyList<int>>();
        // Siblings of a breakdown, whose total is the area's overall figure.
        groups.AddRange(cells.Where(c => c.Breakdown > 0).GroupBy(c => (c.Area, c.Breakdown))
            .Select(g => (IReadOnlyList<int>)[.. g.Select(c => index[(c.Area, c.Breakdown, c.Group)])]));
        // Detailed categories inside a broad group, whose total is published in the broad breakdown.
        var parents = plan.Breakdowns.Select((b, i) => (b, i)).Where(p => p.b.Breakdown?.Parent is not null).ToList();
        foreach (var (breakdown, b) in parents)
        {
            groups.AddRange(cells.Where(c => c.Breakdown == b).GroupBy(c => (c.Area, breakdown.Groups.Groups[c.Group].Parent))
                .Select(g => (IReadOnlyList<int>)[.. g.Select(c => index[(c.Area, c.Breakdown, c.Group)])]));
        }

        // The boroughs of one group, whose total is the ICS figure.
        groups.AddRange(cells.Where(c => c.Area > 0).GroupBy(c => (c.Breakdown, c.Group))
            .Where(g => g.Count() > 1).Select(g => (IReadOnlyList<int>)[.. g.Select(c => index[(c.Area, c.Breakdown, c.Group)])]));
        return groups;
    }

    /// <summary>
    /// For researchers, each breakdown's total recomputed from its published groups (so a table adds up and
    /// differencing its total against the groups reveals nothing): counts, proportions and rates.
    /// </summary>
    private static IEnumerable<Cell> Totals(IndicatorPlan plan, List<Cell> cells)
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

    private IndicatorValue Row(IndicatorPlan plan, Period period, Cell cell, CellValue value, bool controlled,
        Dictionary<(int, int, int), Cell> lookup, (TrendDirection Direction, string? Meaning) trend, (double Sii, Interval Interval)? sii)
    {
        var definition = plan.Definition;
        var breakdown = plan.Breakdowns[cell.Breakdown];
        var group = cell.Group < 0 ? new Group("Total", "Total of the published groups", 0, null) : breakdown.Groups.Groups[cell.Group];
        var reference = breakdown.Breakdown is { } chosen && definition.ReferenceGroup(chosen) is { } code && breakdown.Groups.Groups.FirstOrDefault(g => g.Code == code) is { } referenceGroup
            && lookup.GetValueOrDefault((cell.Area, cell.Breakdown, referenceGroup.Order - 1)) is { } referenceCell
            ? (Group: referenceGroup, Value: controlled ? referenceCell.Published : referenceCell.Exact)
            : ((Group Group, CellValue Value)?)null;
        var comparison = reference is { } r && cell.Group >= 0 && r.Group.Code != group.Code
            ? Compare(definition, value, r.Value) : (Measure: null, Value: null, Interval: null, Judgement.NotCompared);
        var suppression = controlled ? cell.Suppression : Suppression.None;
        // A count is not compared with the total it is part of.
        var overall = cell is { Breakdown: > 0, Group: >= 0 } && definition.Unit != IndicatorUnit.Count && lookup.GetValueOrDefault((cell.Area, 0, 0)) is { } overallCell
            ? (controlled ? overallCell.Published : overallCell.Exact).Value
            : null;
        var row = new IndicatorValue
        {
            IndicatorId = definition.Id,
            Disclosure = controlled ? DisclosureLevel.Controlled : DisclosureLevel.Unrestricted,
            PeriodType = period.Type.ToString(),
            PeriodStartKey = period.StartKey,
            PeriodEndKey = period.EndKey,
            Period = period.Label,
            Area = areaNames[cell.Area],
            Breakdown = breakdown.Id,
            GroupCode = group.Code,
            GroupName = group.Name,
            GroupOrder = group.Order,
            Numerator = suppression != Suppression.None || double.IsNaN(value.Numerator) ? null : value.Numerator,
            Denominator = suppression != Suppression.None ? null
                : definition.Unit == IndicatorUnit.RatePer100000 ? value.Population
                : definition.Denominator is null ? null : value.Denominator,
            Value = value.Value,
            Lower95 = value.Ci95?.Lower,
            Upper95 = value.Ci95?.Upper,
            Lower998 = value.Ci998?.Lower,
            Upper998 = value.Ci998?.Upper,
            Suppression = suppression.ToString(),
            ReferenceGroup = reference?.Group.Code,
            ReferenceValue = reference?.Value.Value,
            ComparisonMeasure = comparison.Measure,
            Comparison = comparison.Value,
            ComparisonLower95 = comparison.Interval?.Lower,
            ComparisonUpper95 = comparison.Interval?.Upper,
            ComparedWithReference = comparison.Item4.ToString(),
            OverallValue = overall,
            ComparedWithOverall = (overall is { } benchmark && value.Ci95 is { } groupCi
                ? Judgements.AgainstBenchmark(groupCi, benchmark, definition.Polarity) : Judgement.NotCompared).ToString(),
            Target = definition.Target?.Value,
            ComparedWithTarget = (definition.Target is { } target && value.Ci95 is { } ci
                ? Judgements.AgainstBenchmark(ci, target.Value, definition.Polarity) : Judgement.NotCompared).ToString(),
            Trend = trend.Direction.ToString(),
            TrendMeaning = trend.Meaning,
            SlopeIndex = sii?.Sii,
            SlopeIndexLower95 = sii?.Interval.Lower,
            SlopeIndexUpper95 = sii?.Interval.Upper,
        };
        return controlled && definition.Unit == IndicatorUnit.Mean ? Coarsened(row) : row;
    }

    /// <summary>
    /// A disclosure-controlled mean to one decimal place, with everything derived from it. At full precision a
    /// mean of whole numbers (days, scores) over a count published rounded to 5 gives the exact count away: only
    /// one of the five counts that round alike makes the sum a whole number. Exact counts of the groups and their
    /// total would then difference out a withheld group.
    /// </summary>
    private static IndicatorValue Coarsened(IndicatorValue row)
    {
        static double? Round(double? value) => value is { } v ? Math.Round(v, MeanDecimals, MidpointRounding.AwayFromZero) : null;
        row.Value = Round(row.Value);
        (row.Lower95, row.Upper95, row.Lower998, row.Upper998) = (Round(row.Lower95), Round(row.Upper95), Round(row.Lower998), Round(row.Upper998));
        (row.ReferenceValue, row.Comparison, row.ComparisonLower95, row.ComparisonUpper95) =
            (Round(row.ReferenceValue), Round(row.Comparison), Round(row.ComparisonLower95), Round(row.ComparisonUpper95));
        row.OverallValue = Round(row.OverallValue);
        (row.SlopeIndex, row.SlopeIndexLower95, row.SlopeIndexUpper95) = (Round(row.SlopeIndex), Round(row.SlopeIndexLower95), Round(row.SlopeIndexUpper95));
        return row;
    }

    /// <summary>Decimal places of a disclosure-controlled mean.</summary>
    public const int MeanDecimals = 1;

    /// <summary>
    /// Against the reference group: the difference for proportions (Newcombe's interval) and means (normal
    /// interval on the two standard errors), the ratio for rates (log interval); judged by whether the two 95%
    /// intervals overlap. Counts have no denominator to compare on.
    /// </summary>
    private static (string? Measure, double? Value, Interval? Interval, Judgement) Compare(IndicatorDefinition definition, CellValue x, CellValue reference)
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

    private static (TrendDirection, string?) Trend(IndicatorDefinition definition, CellValue?[] past, int at, int step)
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
    /// by its denominator. Researchers get it only when no decile rests on a small count, from rounded counts.
    /// </summary>
    private (double, Interval)? SlopeIndex(IndicatorPlan plan, MonthlySeries series, Period period, int area, bool controlled)
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
            var (n, d, s) = series.SumDecile(area, decile, first, last);
            if (controlled && (rules.IsSmall((long)n) || rules.IsSmall((long)d)))
            {
                return null;
            }

            var value = controlled && unit == IndicatorUnit.Proportion
                ? CellValue.Of(unit, rules.Round((long)n), rules.Round((long)d), 0, 0)
                : CellValue.Of(unit, n, d, s, 0);
            if (value is { Value: { } v, StandardError: { } se } && se > 0)
            {
                quantiles.Add(new QuantileValue(v, value.Denominator, se));
            }
        }

        return quantiles.Count >= 5 ? SlopeIndexOfInequality.Estimate(quantiles, P95) : null;
    }
}
