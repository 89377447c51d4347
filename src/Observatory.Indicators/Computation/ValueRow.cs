using Observatory.Indicators.Catalogue;
using Observatory.Indicators.Disclosure;
using Observatory.Indicators.Statistics;
using Observatory.Warehouse.Model.Indicators;

namespace Observatory.Indicators.Computation;

/// <summary>
/// One published row of an indicator value: the value of a cell with its intervals and counts (none where they are
/// withheld), its comparisons with the reference group, the breakdown's overall figure and the target, its trend
/// and slope index; a disclosure-controlled mean coarsened to one decimal place.
/// </summary>
internal static class ValueRow
{
    public static IndicatorValue Of(IndicatorPlan plan, Period period, string area, Cell cell, CellValue value, bool controlled,
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
            ? ValueStatistics.Compare(definition, value, r.Value) : (Measure: null, Value: null, Interval: null, Judgement.NotCompared);
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
            Area = area,
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
    /// A disclosure-controlled mean to one decimal place, with everything derived from it: the precision a board or
    /// researcher reads, and no more detail about the few values behind a small group than that.
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
}
