using System.Globalization;
using Observatory.Indicators.Catalogue;
using Observatory.Warehouse;

namespace Observatory.Tests.Support;

/// <summary>One row of <c>IndicatorValues</c>, as far as a disclosure attack reads it.</summary>
public sealed record IndicatorValueRow(
    string IndicatorId, string PeriodType, int PeriodStartKey, int PeriodEndKey, string Area, string Breakdown, string GroupCode,
    double? Numerator, double? Denominator, double? Value, double? Lower95, double? Upper95, double? Lower998, double? Upper998,
    string Suppression, double? SlopeIndex)
{
    /// <summary>The recomputed total of a breakdown's published groups, not a group of its own.</summary>
    public const string TotalGroup = "Total";

    public CellKey Cell => new(IndicatorId, PeriodType, PeriodStartKey, Area, Breakdown, GroupCode);

    public bool IsWithheld => Suppression != "None";
}

/// <summary>One cell of an indicator: a period, an area and a group of a breakdown.</summary>
public readonly record struct CellKey(string IndicatorId, string PeriodType, int PeriodStartKey, string Area, string Breakdown, string GroupCode)
{
    public override string ToString() => $"{IndicatorId} {PeriodType} {PeriodStartKey} {Area} {Breakdown}/{GroupCode}";
}

/// <summary>An indicator's unit and the feed queries that give its numerator and denominator.</summary>
public sealed record IndicatorLinks(string Id, IndicatorUnit Unit, string NumeratorQuery, string? DenominatorQuery);

/// <summary>
/// What a linked-table attack works on: the indicators, the rows researchers get (<c>Controlled</c>), the exact
/// rows it is scored against (<c>Unrestricted</c>), and the broad group each detailed ethnic category rolls up to
/// (by the NHS grouping, and by the census grouping that rates use).
/// </summary>
public sealed record LinkedTables(
    IReadOnlyList<IndicatorLinks> Indicators, IReadOnlyList<IndicatorValueRow> Controlled, IReadOnlyList<IndicatorValueRow> Unrestricted,
    IReadOnlyDictionary<string, (string Broad, string Census)> EthnicParents)
{
    private static readonly Dictionary<string, IndicatorUnit> Units = new()
    {
        ["count"] = IndicatorUnit.Count,
        ["proportion"] = IndicatorUnit.Proportion,
        ["rate-per-100000"] = IndicatorUnit.RatePer100000,
        ["mean"] = IndicatorUnit.Mean,
    };

    public static async Task<LinkedTables> ReadAsync(WarehouseOptions options)
    {
        var indicators = (await WarehouseQueries.RowsAsync(options,
                "SELECT \"IndicatorId\", \"Unit\", \"NumeratorQuery\", \"DenominatorQuery\" FROM \"Indicators\""))
            .Select(r => new IndicatorLinks((string)r[0]!, Units[(string)r[1]!], (string)r[2]!, (string?)r[3])).ToList();
        var ethnicities = (await WarehouseQueries.RowsAsync(options, "SELECT \"Code\", \"BroadGroup\", \"CensusBroadGroup\" FROM \"Ethnicities\""))
            .ToDictionary(r => (string)r[0]!, r => ((string)r[1]!, (string)r[2]!));
        return new(indicators, await RowsAsync(options, "Controlled"), await RowsAsync(options, "Unrestricted"), ethnicities);
    }

    /// <summary>The exact counts that the attack's unknowns stand for, from the unrestricted rows.</summary>
    public Dictionary<CountKey, long> ExactCounts()
    {
        var units = Indicators.ToDictionary(i => i.Id, i => i.Unit);
        var truth = new Dictionary<CountKey, long>();
        foreach (var row in Unrestricted.Where(r => r.GroupCode != IndicatorValueRow.TotalGroup))
        {
            foreach (var quantity in LinkedRelations.QuantitiesOf(units[row.IndicatorId]))
            {
                if ((quantity == Quantity.Numerator ? row.Numerator : row.Denominator) is { } count && count == Math.Round(count))
                {
                    truth[new(row.Cell, quantity)] = (long)count;
                }
            }
        }

        return truth;
    }

    private static async Task<List<IndicatorValueRow>> RowsAsync(WarehouseOptions options, string disclosure)
    {
        var rows = await WarehouseQueries.RowsAsync(options,
            "SELECT \"IndicatorId\", \"PeriodType\", \"PeriodStartKey\", \"PeriodEndKey\", \"Area\", \"Breakdown\", \"GroupCode\", " +
            "\"Numerator\", \"Denominator\", \"Value\", \"Lower95\", \"Upper95\", \"Lower998\", \"Upper998\", \"Suppression\", \"SlopeIndex\" " +
            $"FROM \"IndicatorValues\" WHERE \"Disclosure\" = '{disclosure}'");
        return [.. rows.Select(r => new IndicatorValueRow((string)r[0]!, (string)r[1]!, Integer(r[2]), Integer(r[3]), (string)r[4]!, (string)r[5]!,
            (string)r[6]!, Number(r[7]), Number(r[8]), Number(r[9]), Number(r[10]), Number(r[11]), Number(r[12]), Number(r[13]), (string)r[14]!,
            Number(r[15])))];
    }

    private static int Integer(object? value) => Convert.ToInt32(value, CultureInfo.InvariantCulture);

    private static double? Number(object? value) => value is null ? null : Convert.ToDouble(value, CultureInfo.InvariantCulture);
}
