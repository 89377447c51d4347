using System.Data.Common;
using Observatory.Indicators.Disclosure;
using Observatory.Warehouse.Providers;

namespace Observatory.Indicators.Live;

/// <summary>
/// The groups a breakdown lists in an area: those the stored values list (every group that has had a row in the area
/// at any time), whatever the period or filter of a live evaluation leaves in them. Listing a group therefore says
/// nothing about the slice asked for, and a slice the stored values hold lists the same groups they do.
/// </summary>
internal static class ListedGroups
{
    // Financial years and quarters list every breakdown (months and 12-month windows only some, Cell.MonthlyBreakdowns).
    private static readonly string Sql =
        "SELECT DISTINCT \"GroupCode\" FROM \"IndicatorValues\" WHERE \"IndicatorId\" = @p0 " +
        $"AND \"Disclosure\" = '{DisclosureLevel.Unrestricted}' AND \"PeriodType\" IN ('FinancialYear', 'Quarter') AND \"Breakdown\" = @p1 AND \"Area\" = @p2";

    public static async Task<IReadOnlySet<string>> ReadAsync(WarehouseDatabase database, DbConnection connection, string indicator, string breakdown, string area,
        CancellationToken cancellationToken)
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        await using var rows = await database.ReadAsync(connection, new SqlStatement(Sql, [indicator, breakdown, area]), cancellationToken);
        while (await rows.ReadAsync())
        {
            codes.Add(rows.GetString(0));
        }

        return codes;
    }
}
