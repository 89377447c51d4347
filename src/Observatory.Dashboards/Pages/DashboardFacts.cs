using Observatory.Indicators.Catalogue;
using Observatory.Indicators.Computation;
using Observatory.Indicators.Disclosure;
using Observatory.Warehouse.Providers;

namespace Observatory.Dashboards.Pages;

/// <summary>
/// What a dashboard page needs to know of the warehouse, read once per load: the periods the stored values hold at
/// each disclosure level, which indicators are given by borough, and the groups each slicer offers.
/// </summary>
/// <param name="Periods">By disclosure level, then by period type (financial-year, quarter, month): the periods held, oldest first.</param>
/// <param name="ByArea">The indicators whose values are given for each borough as well as the ICS.</param>
/// <param name="Groups">By breakdown id: its groups in order.</param>
public sealed record DashboardFacts(
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> Periods,
    IReadOnlySet<string> ByArea,
    IReadOnlyList<string> Boroughs,
    IReadOnlyDictionary<string, IReadOnlyList<Group>> Groups)
{
    public static readonly IReadOnlyDictionary<string, string> PeriodTypes = new Dictionary<string, string>
    {
        ["financial-year"] = nameof(PeriodType.FinancialYear), ["quarter"] = nameof(PeriodType.Quarter), ["month"] = nameof(PeriodType.Month),
    };

    private static readonly SqlStatement StoredPeriods = new(
        "SELECT \"Disclosure\", \"PeriodType\", \"Period\", MIN(\"PeriodStartKey\") FROM \"IndicatorValues\" " +
        "WHERE \"PeriodType\" IN ('FinancialYear', 'Quarter', 'Month') GROUP BY \"Disclosure\", \"PeriodType\", \"Period\" ORDER BY 4, 3", []);

    private static readonly SqlStatement IndicatorsByArea = new(
        "SELECT DISTINCT \"IndicatorId\" FROM \"IndicatorValues\" WHERE \"Area\" <> @p0 ORDER BY 1", [IndicatorComputation.IcsName]);

    public static async Task<DashboardFacts> ReadAsync(WarehouseDatabase database, CancellationToken cancellationToken)
    {
        var periods = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>();
        var byArea = new HashSet<string>(StringComparer.Ordinal);
        await using (var connection = await database.OpenForReadingAsync(cancellationToken))
        {
            var found = new Dictionary<(string Level, string Type), List<string>>();
            await using (var rows = await database.ReadAsync(connection, StoredPeriods, cancellationToken))
            {
                while (await rows.ReadAsync())
                {
                    var key = (rows.GetString(0), rows.GetString(1));
                    (found.TryGetValue(key, out var list) ? list : found[key] = []).Add(rows.GetString(2));
                }
            }

            foreach (var level in new[] { DisclosureLevel.Controlled, DisclosureLevel.Unrestricted })
            {
                periods[level] = PeriodTypes.ToDictionary(t => t.Key, t => (IReadOnlyList<string>)(found.GetValueOrDefault((level, t.Value)) ?? []));
            }

            await using (var rows = await database.ReadAsync(connection, IndicatorsByArea, cancellationToken))
            {
                while (await rows.ReadAsync())
                {
                    byArea.Add(rows.GetString(0));
                }
            }
        }

        var groups = new Dictionary<string, IReadOnlyList<Group>>(StringComparer.Ordinal);
        foreach (var breakdown in Breakdown.All)
        {
            groups[breakdown.Id] = await BreakdownGroups.ReadAsync(database, breakdown, cancellationToken);
        }

        var boroughs = (await BreakdownGroups.BoroughsAsync(database, cancellationToken)).Select(g => g.Name).ToList();
        return new DashboardFacts(periods, byArea, boroughs, groups);
    }
}
