using Microsoft.EntityFrameworkCore;

namespace Observatory.Indicators.Computation;

/// <summary>
/// One scan of a fact table and period date for the indicators that share it: a value per distinct numerator,
/// denominator, sum of squares and sum of record keys (a CASE over each fact row), the month and the dimension keys their breakdowns
/// need, over the rows that meet the conditions all of them share.
/// </summary>
internal sealed class FactPass
{
    private readonly IReadOnlySet<string> _guaranteed;
    private readonly Dictionary<string, int> _measureAt;

    private FactPass(IReadOnlyList<(IndicatorPlan Plan, MonthlySeries Series)> indicators)
    {
        Indicators = indicators;
        // Passes are formed widest first, so the first indicator's keys cover every other's.
        KeyColumns = KeyColumnsOf(indicators[0].Plan).ToList();
        _guaranteed = indicators.Select(i => (IEnumerable<string>)i.Plan.Conditions).Aggregate((a, b) => a.Intersect(b)).ToHashSet();
        // Each distinct aggregate once (a recovery denominator is also a reliable recovery denominator).
        Measures = indicators.SelectMany(i => new[] { i.Plan.Numerator, i.Plan.Denominator, i.Plan.Squares, i.Plan.NumeratorKeys, i.Plan.DenominatorKeys }).OfType<Measure>()
            .DistinctBy(m => m.Sql(_guaranteed)).ToList();
        _measureAt = Measures.Select((m, i) => (m, i)).ToDictionary(p => p.m.Sql(_guaranteed), p => p.i);
    }

    public IReadOnlyList<(IndicatorPlan Plan, MonthlySeries Series)> Indicators { get; }

    /// <summary>The dimension keys read with each row, after its month.</summary>
    public IReadOnlyList<string> KeyColumns { get; }

    /// <summary>The values read with each row, after its keys.</summary>
    public IReadOnlyList<Measure> Measures { get; }

    /// <summary>The position of a measure among <see cref="Measures"/>; −1 for none.</summary>
    public int MeasureOf(Measure? measure) => measure is null ? -1 : _measureAt[measure.Sql(_guaranteed)];

    /// <summary>
    /// The scan: grouped, a row per month and keys with each measure summed as a double; otherwise a row per fact
    /// with what it adds to each measure (<see cref="Warehouse.Providers.WarehouseDatabase.GroupsCheaply"/>).
    /// </summary>
    public string Sql(bool grouped)
    {
        var plan = Indicators[0].Plan;
        var select = new List<string> { $"f.\"{plan.DateColumn}\" / 100" };
        select.AddRange(KeyColumns.Select(c => $"f.\"{c}\""));
        select.AddRange(grouped
            ? Measures.Select(m => $"CAST(COALESCE({m.Sql(_guaranteed)}, 0) AS DOUBLE PRECISION)")
            : Measures.Select(m => m.RowSql(_guaranteed)));
        var where = string.Join(" AND ", _guaranteed.Prepend($"f.\"{plan.DateColumn}\" IS NOT NULL"));
        return $"SELECT {string.Join(", ", select)} FROM \"{plan.Facts.GetTableName()}\" AS f WHERE {where}" +
               (grouped ? $" GROUP BY {string.Join(", ", Enumerable.Range(1, KeyColumns.Count + 1))}" : "");
    }

    /// <summary>
    /// One pass per fact table and period date for the indicators whose keys fit within the widest set: those
    /// broken down alike share a scan, and those needing other keys (data completeness by service) get their own
    /// rather than widening every group.
    /// </summary>
    public static IEnumerable<FactPass> Form(IEnumerable<(IndicatorPlan Plan, MonthlySeries Series)> indicators)
    {
        // Indicators whose first condition an index of the facts can answer with the period date (the service)
        // share a scan whose WHERE holds their common conditions, so the database reads only their rows; the rest
        // of a fact table and date share one full scan.
        foreach (var sameDate in indicators.GroupBy(i => (i.Plan.Facts, i.Plan.DateColumn, IndexedCondition(i.Plan))))
        {
            var passes = new List<(HashSet<string> Keys, List<(IndicatorPlan, MonthlySeries)> Members)>();
            foreach (var indicator in sameDate.OrderByDescending(i => KeyColumnsOf(i.Plan).Count()))
            {
                var keys = KeyColumnsOf(indicator.Plan).ToHashSet();
                var pass = passes.FirstOrDefault(p => p.Keys.IsSupersetOf(keys));
                if (pass.Members is null)
                {
                    passes.Add((keys, [indicator]));
                }
                else
                {
                    pass.Members.Add(indicator);
                }
            }

            foreach (var (_, members) in passes)
            {
                yield return new FactPass(members);
            }
        }
    }

    private static string? IndexedCondition(IndicatorPlan plan) =>
        plan.Conditions.Count > 0 && plan.Facts.GetIndexes().Any(index =>
            index.Properties.Count > 1 && index.Properties.Any(p => p.GetColumnName() == plan.DateColumn)
            && plan.Conditions[0].StartsWith($"f.\"{index.Properties[0].GetColumnName()}\" ", StringComparison.Ordinal))
            ? plan.Conditions[0]
            : null;

    private static IEnumerable<string> KeyColumnsOf(IndicatorPlan plan) => plan.Breakdowns.Append(plan.Deciles)
        .Select(b => b?.FactColumn).Append(plan.HasAreas ? "AreaKey" : null).OfType<string>().Distinct().Order(StringComparer.Ordinal);
}
