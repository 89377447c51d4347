using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Observatory.Warehouse.Providers;

namespace Observatory.Indicators.Computation;

/// <summary>
/// Distinct counts (schools that ran a programme, say), which do not add up over months or groups: counted by
/// the database for each financial year and kept in the year's first month (they are for financial years only).
/// </summary>
internal static class DistinctCountFill
{
    public static async Task FillAsync(WarehouseDatabase database, DbConnection connection, IndicatorPlan plan, MonthlySeries series, CancellationToken cancellationToken)
    {
        var date = $"f.\"{plan.DateColumn}\"";
        // Financial years start in April: a date before April belongs to the year that began the previous April.
        var yearStart = $"CASE WHEN {date} / 100 % 100 >= 4 THEN {date} / 10000 ELSE {date} / 10000 - 1 END";
        // A count of distinct people has the cell key of the sum of their distinct record keys (CellKeys.DistinctPeople).
        var key = plan.CountsDistinctPeople ? $"f.\"{nameof(Warehouse.Model.IPersonRecord.PersonRecordKey)}\"" : "0";
        var sql = $"SELECT {yearStart}, COUNT(DISTINCT {plan.DistinctColumn}), SUM(DISTINCT {key}) FROM \"{plan.Facts.GetTableName()}\" AS f " +
                  $"WHERE {date} IS NOT NULL{(plan.Condition is null ? "" : $" AND {plan.Condition}")} GROUP BY 1";
        await using var rows = await database.ReadAsync(connection, new SqlStatement(sql, []), cancellationToken);
        while (await rows.ReadAsync())
        {
            // A year starting before the calendar cannot be a whole period; its count is kept at the calendar's start.
            var april = series.Calendar.Index(Math.Max(series.Calendar.First, (int)rows.GetInt64(0) * 12 + 3));
            series.Add(0, 0, 0, april, new Sums(rows.GetInt64(1), 0, 0, rows.IsNull(2) ? 0 : rows.GetInt64(2), 0));
        }
    }
}
