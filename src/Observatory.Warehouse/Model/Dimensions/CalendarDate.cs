using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Observatory.Warehouse.Model.Dimensions;

[Description("One row per calendar day. Facts refer to it through role-playing keys (referral date, end date and so on).")]
public class CalendarDate
{
    [Key]
    [Description("The day as an integer yyyymmdd, e.g. 20220331. Filter facts on their *DateKey columns with it.")]
    public int DateKey { get; set; }

    [Description("The calendar day.")]
    public DateOnly Date { get; set; }

    [Description("Calendar year.")]
    public int Year { get; set; }

    [Description("Calendar month, 1 to 12.")]
    public int Month { get; set; }

    [Description("Month name, e.g. April.")]
    public string MonthName { get; set; } = "";

    [Description("Calendar quarter, 1 to 4.")]
    public int Quarter { get; set; }

    [Description("The first day of the month as yyyymmdd, for monthly grouping.")]
    public int MonthKey { get; set; }

    [Description("NHS financial year (1 April to 31 March), e.g. 2021/22.")]
    public string FinancialYear { get; set; } = "";

    [Description("Quarter of the financial year: 1 is April to June.")]
    public int FinancialQuarter { get; set; }

    [Description("ISO day of the week, 1 (Monday) to 7 (Sunday).")]
    public int DayOfWeek { get; set; }
}
