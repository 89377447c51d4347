using System.Globalization;
using Observatory.Warehouse.Model.Dimensions;

namespace Observatory.Warehouse.Reference;

/// <summary>Date keys and the NHS financial year (1 April to 31 March).</summary>
public static class Calendar
{
    public static int DateKey(DateOnly date) => (date.Year * 100 + date.Month) * 100 + date.Day;

    public static DateOnly FromDateKey(int key) => new(key / 10_000, key / 100 % 100, key % 100);

    /// <summary>The financial year a day falls in, written like "2021/22".</summary>
    public static string FinancialYear(DateOnly date)
    {
        var startYear = date.Month >= 4 ? date.Year : date.Year - 1;
        return $"{startYear}/{(startYear + 1) % 100:00}";
    }

    /// <summary>31 March that ends the financial year of the date.</summary>
    public static DateOnly FinancialYearEnd(DateOnly date) =>
        new(date.Month >= 4 ? date.Year + 1 : date.Year, 3, 31);

    /// <summary>The date dimension: one row per day from <paramref name="first"/> to <paramref name="last"/>.</summary>
    public static IEnumerable<CalendarDate> Days(DateOnly first, DateOnly last)
    {
        for (var date = first; date <= last; date = date.AddDays(1))
        {
            yield return new CalendarDate
            {
                DateKey = DateKey(date),
                Date = date,
                Year = date.Year,
                Month = date.Month,
                MonthName = CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(date.Month),
                Quarter = (date.Month - 1) / 3 + 1,
                MonthKey = DateKey(new DateOnly(date.Year, date.Month, 1)),
                FinancialYear = FinancialYear(date),
                // April-June is quarter 1 of the financial year.
                FinancialQuarter = (date.Month + 8) % 12 / 3 + 1,
                DayOfWeek = date.DayOfWeek == System.DayOfWeek.Sunday ? 7 : (int)date.DayOfWeek,
            };
        }
    }
}
