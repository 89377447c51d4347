using System.Diagnostics;
using Observatory.Indicators.Catalogue;
using Observatory.Warehouse;

namespace Observatory.Tests.Support;

/// <summary>
/// What an intruder holding only the controlled rows of <c>IndicatorValues</c> can work out about the true counts
/// behind them. Every count of every cell is an unknown whole number; the published-count model gives each one its
/// starting bounds; the relations between cells (<see cref="LinkedRelations"/>) and the published statistics
/// (<see cref="PublishedStatisticsConstraint"/>) narrow them all together to a fixed point (<see cref="CountSystem"/>).
/// A relation family is used only where it holds on the exact rows, so the attack is sound as long as the model
/// is: it never excludes a true count.
/// </summary>
public sealed class LinkedTableAttack(IPublishedCountModel model)
{
    public LinkedTableAttackResult Run(LinkedTables tables)
    {
        var clock = Stopwatch.StartNew();
        var units = tables.Indicators.ToDictionary(i => i.Id, i => i.Unit);
        var rows = tables.Controlled.Where(r => r.GroupCode != IndicatorValueRow.TotalGroup).ToList();
        var truth = tables.ExactCounts();
        var system = new CountSystem();
        var index = new Dictionary<CountKey, int>();
        foreach (var row in rows)
        {
            var unit = units[row.IndicatorId];
            foreach (var quantity in LinkedRelations.QuantitiesOf(unit))
            {
                var published = Published(row, unit, quantity);
                var count = index[new(row.Cell, quantity)] = system.AddCount(model.Bounds(published));
                if (model.Excluded(published) is { } excluded)
                {
                    system.Add(new ExclusionConstraint(count, excluded));
                }
            }
        }

        var families = LinkedRelations.Of(tables);
        var used = families.Where(f => f.HoldsFor(truth)).ToList();
        foreach (var relation in used.SelectMany(f => f.Relations))
        {
            system.Add(relation.Constraint(k => index[k]));
        }

        var statistics = rows.Select(r => Statistics(r, units[r.IndicatorId], index)).OfType<PublishedStatisticsConstraint>().ToList();
        statistics.ForEach(system.Add);
        var starts = Enumerable.Range(0, system.Count).Select(i => system[i]).ToArray();
        var fixedPoint = system.Propagate();

        var counts = index.Select(p => new AttackedCount(p.Key, starts[p.Value], system[p.Value], truth.TryGetValue(p.Key, out var t) ? t : null)).ToList();
        var withheldCells = rows.Where(r => r.IsWithheld).Select(r => r.Cell).ToHashSet();
        var meanCounts = MeansRecoveredByWidths(statistics, starts);
        return new(
            CountTally.Of([.. counts.Where(c => withheldCells.Contains(c.Key.Cell))]),
            CountTally.Of([.. counts.Where(c => !withheldCells.Contains(c.Key.Cell))]),
            meanCounts.Total, meanCounts.Recovered, TwinLeaks(used, rows), rows.Count(r => r.IsWithheld && r.SlopeIndex is not null),
            [.. counts.Where(c => !c.IsSound)], system.Contradictions.Count, used, [.. families.Except(used)], fixedPoint, clock.Elapsed);
    }

    public static async Task<LinkedTableAttackResult> RunAsync(WarehouseOptions options, IPublishedCountModel model) =>
        new LinkedTableAttack(model).Run(await LinkedTables.ReadAsync(options));

    private static PublishedCount Published(IndicatorValueRow row, IndicatorUnit unit, Quantity quantity) => new(
        LinkedRelations.Count(row, quantity), row.Suppression,
        unit != IndicatorUnit.Proportion ? CountRole.Sole : quantity == Quantity.Numerator ? CountRole.Numerator : CountRole.Denominator,
        unit == IndicatorUnit.Proportion ? LinkedRelations.Count(row, Quantity.Denominator) : null);

    private PublishedStatisticsConstraint? Statistics(IndicatorValueRow row, IndicatorUnit unit, Dictionary<CountKey, int> index)
    {
        if (row.IsWithheld || row.Value is not { } value || model.StatisticsTolerance(unit) is not { } tolerance)
        {
            return null;
        }

        var published = new PublishedStatistics(value, row.Lower95, row.Upper95, row.Lower998, row.Upper998);
        int? Of(Quantity quantity) => index.TryGetValue(new(row.Cell, quantity), out var count) ? count : null;
        return new(unit, published, tolerance, Of(Quantity.Numerator), Of(Quantity.Denominator), row.Denominator ?? 0);
    }

    /// <summary>Published means with intervals, and how many of them the interval widths alone pin to one count of people.</summary>
    private static (int Total, int Recovered) MeansRecoveredByWidths(List<PublishedStatisticsConstraint> statistics, CountBounds[] starts)
    {
        var means = statistics.Where(s => s is { Unit: IndicatorUnit.Mean, Published.Lower95: not null, Denominator: not null }).ToList();
        return (means.Count, means.Count(s => s.Admitted(CountBounds.Exactly(0), starts[s.Denominator!.Value]) is { Denominators.IsPinned: true }));
    }

    /// <summary>Withheld counts equal to a count that a twin indicator publishes in the same cell.</summary>
    private static List<CountKey> TwinLeaks(List<RelationFamily> used, List<IndicatorValueRow> rows)
    {
        var byCell = rows.GroupBy(r => r.Cell).ToDictionary(g => g.Key, g => g.First());
        bool Withheld(CountKey key) => byCell[key.Cell].IsWithheld;
        bool Shown(CountKey key) => LinkedRelations.Count(byCell[key.Cell], key.Quantity) is not null;
        return used.Where(f => f.Kind == LinkedRelations.Twins).SelectMany(f => f.Relations).OfType<SumRelation>()
            .SelectMany(r => new[] { (Withheld: r.Total, Shown: r.Parts[0]), (Withheld: r.Parts[0], Shown: r.Total) })
            .Where(p => Withheld(p.Withheld) && Shown(p.Shown)).Select(p => p.Withheld).Distinct().ToList();
    }
}
