using System.Globalization;
using Observatory.Synthetic.Calibration;
using Observatory.Warehouse.Reference;
using Calendar = Observatory.Warehouse.Reference.Calendar;

namespace Observatory.Synthetic.Referrals;

/// <summary>
/// Referrals per month: yearly volume x scale / 12 x month-of-year, financial-year and named-month factors
/// (synthetic.json 'volume'), rounded with a running remainder so totals over the period are exact.
/// </summary>
public sealed class MonthlyVolume(VolumeParameters volume, double perYear, double scale)
{
    private double _expected;
    private long _emitted;

    public int For(DateOnly month)
    {
        var monthName = CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedMonthName(month.Month);
        var factor = volume.MonthOfYear.GetValueOrDefault(monthName, 1)
                     * volume.FinancialYear.GetValueOrDefault(Calendar.FinancialYear(month), 1)
                     * volume.Months.GetValueOrDefault($"{month.Year:0000}-{month.Month:00}", 1);
        _expected += perYear * scale / 12 * factor;
        var count = (int)(Math.Round(_expected) - _emitted);
        _emitted += count;
        return count;
    }
}
