using Observatory.Indicators.Catalogue;
using Observatory.Indicators.Disclosure;

namespace Observatory.Indicators.Computation;

/// <summary>
/// A value of one area, breakdown and group in one period (group −1: the controlled total of a breakdown's
/// published groups): exact, and as researchers get it after disclosure control (<see cref="CellDisclosure"/>).
/// </summary>
internal sealed record Cell(int Area, int Breakdown, int Group, CellValue Exact)
{
    /// <summary>The sums the exact value came from, with the record-key sums its published counts are perturbed by.</summary>
    public Sums Sums { get; init; }

    public CellValue Published { get; set; }
    public Suppression Suppression { get; set; }

    /// <summary>
    /// Single months and rolling 12-month windows (one a month) are given overall, by ethnic group and by service;
    /// the finer breakdowns start at quarters and financial years, where their numbers are large enough to read.
    /// </summary>
    public static readonly IReadOnlySet<string> MonthlyBreakdowns = new HashSet<string> { Catalogue.Breakdown.Overall, "ethnic-group", "service" };

    /// <summary>The exact values of one period: the overall figure of every area, and each group of a breakdown given for the period.</summary>
    public static List<Cell> Of(IndicatorPlan plan, MonthlySeries series, Period period)
    {
        var monthly = period.Type is PeriodType.Month or PeriodType.Rolling12Months;
        // The overall figure is always given; a group is given where it ever had a row in the area.
        return Of(plan, series, period, (area, b, g) =>
            (!monthly || MonthlyBreakdowns.Contains(plan.Breakdowns[b].Id)) && (b == 0 || series.Has(area, b, g)));
    }

    /// <summary>The exact values of one period for the areas, breakdowns and groups <paramref name="listed"/> names (by indexes).</summary>
    public static List<Cell> Of(IndicatorPlan plan, MonthlySeries series, Period period, Func<int, int, int, bool> listed)
    {
        var unit = plan.Definition.Unit;
        var first = series.Calendar.Index(period.FirstMonth);
        var last = series.Calendar.Index(period.LastMonth);
        var cells = new List<Cell>();
        for (var area = 0; area < series.Areas; area++)
        {
            for (var b = 0; b < plan.Breakdowns.Count; b++)
            {
                for (var g = 0; g < plan.Breakdowns[b].Groups.Groups.Count; g++)
                {
                    if (listed(area, b, g))
                    {
                        var sums = series.Sum(area, b, g, first, last);
                        var exact = CellValue.Of(unit, sums.Numerator, sums.Denominator, sums.Squares, series.Population(area, b, g));
                        cells.Add(new Cell(area, b, g, exact) { Sums = sums });
                    }
                }
            }
        }

        return cells;
    }
}
