using Observatory.Indicators.Catalogue;
using Observatory.Indicators.Disclosure;

namespace Observatory.Indicators.Computation;

/// <summary>
/// Disclosure control of an indicator's cells for researchers: which periods they get, how cells are linked
/// (so that no withheld count can be worked out from the others), the counts withheld or rounded, and the values
/// recomputed from what is published.
/// </summary>
internal sealed class CellDisclosure(DisclosureRules rules)
{
    /// <summary>
    /// The cells researchers get, by period: each whole financial year and its quarters, disclosure-controlled
    /// together. Within each period the groups are linked as <see cref="Protect"/> says; across periods the four
    /// quarters of one area, breakdown and group add up to the year, so they are linked too, and a quarter is
    /// never the only one of its year withheld (the year minus the other three would give it away).
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
            var cells = new List<Cell>();
            var groups = new List<IReadOnlyList<int>>();
            var at = new Dictionary<(int Area, int Breakdown, int Group), List<int>>();
            foreach (var period in periods)
            {
                var periodCells = Cell.Of(plan, series, period);
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
