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
        await using var rows = await database.ReadAsync(connection, Counts(plan, yearStart), cancellationToken);
        while (await rows.ReadAsync())
        {
            // A year starting before the calendar cannot be a whole period; its count is kept at the calendar's start.
            var april = series.Calendar.Index(Math.Max(series.Calendar.First, (int)rows.GetInt64(0) * 12 + 3));
            series.Add(0, 0, 0, april, Sums(rows, 1));
        }
    }

    /// <summary>One count of every row the plan keeps (a live evaluation's, whose conditions bound the days), kept in <paramref name="month"/>.</summary>
    public static async Task FillOneAsync(WarehouseDatabase database, DbConnection connection, IndicatorPlan plan, MonthlySeries series, int month,
        CancellationToken cancellationToken)
    {
        await using var rows = await database.ReadAsync(connection, Counts(plan, group: null), cancellationToken);
        if (await rows.ReadAsync())
        {
            series.Add(0, 0, 0, series.Calendar.Index(month), Sums(rows, 0));
        }
    }

    private static SqlStatement Counts(IndicatorPlan plan, string? group)
    {
        // A count of distinct people has the cell key of the sum of their distinct record keys (CellKeys.DistinctPeople).
        var key = plan.CountsDistinctPeople ? $"f.\"{nameof(Warehouse.Model.IPersonRecord.PersonRecordKey)}\"" : "0";
        var select = $"COUNT(DISTINCT {plan.DistinctColumn}), SUM(DISTINCT {key})";
        var sql = $"SELECT {(group is null ? select : $"{group}, {select}")} FROM \"{plan.Facts.GetTableName()}\" AS f " +
                  $"WHERE f.\"{plan.DateColumn}\" IS NOT NULL{(plan.Condition is null ? "" : $" AND {plan.Condition}")}{(group is null ? "" : " GROUP BY 1")}";
        return new SqlStatement(sql, []);
    }

    private static Sums Sums(IRowReader rows, int at) => new(rows.GetInt64(at), 0, 0, rows.IsNull(at + 1) ? 0 : rows.GetInt64(at + 1), 0);
}
