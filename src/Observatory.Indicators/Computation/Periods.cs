using System.Globalization;
using Observatory.Indicators.Catalogue;

namespace Observatory.Indicators.Computation;

/// <summary>
/// A reporting period: a run of whole months, numbered as year × 12 + month − 1; or a run of days a caller names
/// (<see cref="PeriodType.DateRange"/>), whose first and last days are its keys and whose months are those it touches.
/// </summary>
public sealed record Period(PeriodType Type, int FirstMonth, int LastMonth, string Label)
{
    /// <summary>First day (yyyymmdd).</summary>
    public int StartKey { get; init; } = Year(FirstMonth) * 10000 + Month(FirstMonth) * 100 + 1;

    /// <summary>Last day (yyyymmdd).</summary>
    public int EndKey { get; init; } = Year(LastMonth) * 10000 + Month(LastMonth) * 100 + DateTime.DaysInMonth(Year(LastMonth), Month(LastMonth));

    public static int Year(int month) => month / 12;

    public static int Month(int month) => month % 12 + 1;

    /// <summary>The month a yyyymm number stands for.</summary>
    public static int FromYearMonth(int yearMonth) => yearMonth / 100 * 12 + yearMonth % 100 - 1;

    /// <summary>
    /// Every whole period of the given type inside the data's months (partial periods at either end would
    /// understate counts), oldest first. Financial years and their quarters start in April.
    /// </summary>
    public static IReadOnlyList<Period> Within(PeriodType type, int firstMonth, int lastMonth)
    {
        var periods = new List<Period>();
        switch (type)
        {
            case PeriodType.Month:
                for (var m = firstMonth; m <= lastMonth; m++)
                {
                    periods.Add(new(type, m, m, MonthLabel(m)));
                }

                break;
            case PeriodType.Quarter:
                // Financial quarters begin in April, July, October and January (months 3, 6, 9 and 0 of the year).
                for (var m = firstMonth + (3 - firstMonth % 3) % 3; m + 2 <= lastMonth; m += 3)
                {
                    var quarter = (m - 3 + 12) % 12 / 3 + 1;
                    periods.Add(new(type, m, m + 2, $"Q{quarter} {FinancialYearLabel(m)}"));
                }

                break;
            case PeriodType.FinancialYear:
                for (var m = firstMonth + (15 - firstMonth % 12) % 12; m + 11 <= lastMonth; m += 12)
                {
                    periods.Add(new(type, m, m + 11, FinancialYearLabel(m)));
                }

                break;
            case PeriodType.Rolling12Months:
                for (var m = firstMonth + 11; m <= lastMonth; m++)
                {
                    periods.Add(new(type, m - 11, m, $"12 months to {MonthLabel(m)}"));
                }

                break;
        }

        return periods;
    }

    private static string MonthLabel(int month) => string.Create(CultureInfo.InvariantCulture, $"{Year(month):D4}-{Month(month):D2}");

    /// <summary>'2023/24' for any month from April 2023 to March 2024.</summary>
    private static string FinancialYearLabel(int month)
    {
        var start = Month(month) >= 4 ? Year(month) : Year(month) - 1;
        return string.Create(CultureInfo.InvariantCulture, $"{start}/{(start + 1) % 100:D2}");
    }
}
