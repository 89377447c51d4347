using System.Data.Common;
using System.Globalization;
using Observatory.Warehouse.Providers;

namespace Observatory.Indicators.Computation;

/// <summary>The denominators of rates: census residents who meet the indicator's population condition, by area and by the groups of each breakdown.</summary>
internal static class PopulationFill
{
    public static async Task FillAsync(
        WarehouseDatabase database, DbConnection connection, IndicatorPlan plan, MonthlySeries series, GroupMap areas, CancellationToken cancellationToken)
    {
        if (plan.Population is not { } population)
        {
            return;
        }

        var columns = plan.Breakdowns.Select(b => b.PopulationColumn).OfType<string>().Append("AreaKey").Distinct().ToList();
        var sql = $"SELECT {string.Join(", ", columns.Select(c => $"f.\"{c}\""))}, SUM(CASE WHEN {population} THEN f.\"Residents\" ELSE 0 END) " +
                  $"FROM \"{IndicatorPlan.PopulationTable}\" AS f GROUP BY {string.Join(", ", Enumerable.Range(1, columns.Count))}";
        await using var rows = await database.ReadAsync(connection, new SqlStatement(sql, []), cancellationToken);
        var keys = new long[columns.Count];
        while (await rows.ReadAsync())
        {
            for (var k = 0; k < keys.Length; k++)
            {
                keys[k] = Convert.ToInt64(rows.GetValue(k), CultureInfo.InvariantCulture);
            }

            var residents = rows.IsNull(columns.Count) ? 0 : rows.GetDouble(columns.Count);
            var borough = areas[keys[columns.IndexOf("AreaKey")]];
            for (var b = 0; b < plan.Breakdowns.Count; b++)
            {
                var breakdown = plan.Breakdowns[b];
                var group = breakdown.PopulationColumn is null ? 0 : breakdown.Groups[keys[columns.IndexOf(breakdown.PopulationColumn)]];
                if (group < 0)
                {
                    continue;
                }

                series.AddPopulation(0, b, group, residents);
                if (borough >= 0)
                {
                    series.AddPopulation(1 + borough, b, group, residents);
                }
            }
        }
    }
}
