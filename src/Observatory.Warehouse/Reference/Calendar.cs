using System.Globalization;
using Observatory.Warehouse.Model.Dimensions;

namespace Observatory.Warehouse.Reference;

/// <summary>Date keys and the NHS financial year (1 April to 31 March).</summary>
public static class Calendar
{
    public static int DateKey(DateOnly date) => (date.Year * 100 + date.Month) * 100 + date.Day;

    public static DateOnly FromDateKey(int key) => new(key / 10_000, key / 100 % 100, key % 100);

    private const int FirstLabelledYear = 1990;

    // Generators ask for the label of millions of dates: format each year once.
    private static readonly string[] Labels =
        Enumerable.Range(FirstLabelledYear, 150).Select(year => $"{year}/{(year + 1) % 100:00}").ToArray();

    /// <summary>The calendar year in which the financial year of the date starts (2021 for 2021/22).</summary>
    public static int FinancialYearStart(DateOnly date) => date.Month >= 4 ? date.Year : date.Year - 1;

    /// <summary>The financial year a day falls in, written like "2021/22".</summary>
    public static string FinancialYear(DateOnly date)
    {
        var start = FinancialYearStart(date);
        return start - FirstLabelledYear is >= 0 and var index && index < Labels.Length
            ? Labels[index]
            : $"{start}/{(start + 1) % 100:00}";
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
