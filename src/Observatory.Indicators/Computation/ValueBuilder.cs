using Observatory.Indicators.Catalogue;
using Observatory.Indicators.Disclosure;
using Observatory.Indicators.Statistics;
using Observatory.Warehouse.Model.Indicators;

namespace Observatory.Indicators.Computation;

/// <summary>
/// Turns an indicator's monthly sums into its values: for every period, area and group, the exact
/// ('Unrestricted') value and the disclosure-controlled one, each with intervals, the comparison with the
/// breakdown's reference group, the comparison with the target, the recent trend and, on overall rows, the
/// slope index of inequality across deprivation deciles.
/// </summary>
internal sealed class ValueBuilder
{
    private readonly IReadOnlyList<string> _areaNames;
    private readonly CellDisclosure _disclosure;
    private readonly ValueStatistics _statistics;

    public ValueBuilder(CellKeys keys, IReadOnlyList<string> areaNames)
    {
        _areaNames = areaNames;
        _disclosure = new CellDisclosure(keys);
        _statistics = new ValueStatistics(_disclosure);
    }

    public IEnumerable<IndicatorValue> Build(IndicatorPlan plan, MonthlySeries series, int firstMonth, int lastMonth)
    {
        var definition = plan.Definition;
        var controlledCells = _disclosure.ByPeriod(plan, series, firstMonth, lastMonth);
        foreach (var type in definition.Periods)
        {
            var periods = Period.Within(type, firstMonth, lastMonth);
            // Trends use non-overlapping periods: the previous months, quarters or years, or the 12-month windows a year apart.
            var step = type == PeriodType.Rolling12Months ? 12 : 1;
            var history = new Dictionary<(bool, int, int, int), CellValue?[]>();
            for (var p = 0; p < periods.Count; p++)
            {
                var period = periods[p];
                // The controlled level has financial years and the quarters within them (CellDisclosure.ByPeriod).
                var published = controlledCells.TryGetValue((period.Type, period.FirstMonth), out var cells);
                cells ??= Cell.Of(plan, series, period);

                foreach (var controlled in published ? (bool[])[false, true] : [false])
                {
                    var all = controlled ? cells.Concat(CellDisclosure.Totals(plan, cells)).ToList() : cells;
                    var lookup = all.ToDictionary(c => (c.Area, c.Breakdown, c.Group));
                    foreach (var cell in all)
                    {
                        var value = controlled ? cell.Published : cell.Exact;
                        var key = (controlled, cell.Area, cell.Breakdown, cell.Group);
                        if (!history.TryGetValue(key, out var past))
                        {
                            history[key] = past = new CellValue?[periods.Count];
                        }

                        past[p] = value.Value is null ? null : value;
                        yield return ValueRow.Of(plan, period, _areaNames[cell.Area], cell, value, controlled, lookup, ValueStatistics.Trend(definition, past, p, step),
                            cell.Breakdown == 0 && (!controlled || cell.Suppression == Suppression.None)
                                ? _statistics.SlopeIndex(plan, series, period, cell.Area, controlled) : null);
                    }
                }
            }
        }
    }
}
