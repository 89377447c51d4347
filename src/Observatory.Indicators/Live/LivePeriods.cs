using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Observatory.Indicators.Catalogue;
using Observatory.Indicators.Computation;
using Observatory.Query;
using Observatory.Warehouse.Providers;

namespace Observatory.Indicators.Live;

/// <summary>
/// The period of a live evaluation, written as the stored values label theirs ('2022/23', 'Q1 2022/23', '2022-04',
/// '12 months to 2023-03') or as a run of days ('2022-04-01/2022-09-30'), and checked: of a type the indicator is given
/// for, at the caller's level, inside the data the warehouse holds.
/// </summary>
internal static partial class LivePeriods
{
    private const string Forms = "a financial year ('2022/23'), a financial quarter ('Q1 2022/23'), a month ('2022-04'), " +
                                 "12 months ('12 months to 2023-03') or a run of days ('2022-04-01/2022-09-30')";

    private static readonly SqlStatement Covered = new(
        "SELECT \"PeriodStartDateKey\", \"PeriodEndDateKey\" FROM \"WarehouseLoads\" ORDER BY \"LoadId\" DESC LIMIT 1", []);

    /// <exception cref="QueryException">400 for a period that is not one, not the indicator's or outside the data; 403 for one the controlled level does not give.</exception>
    public static async Task<Period> ReadAsync(string text, IndicatorDefinition definition, bool controlled, WarehouseDatabase database, DbConnection connection,
        MonthRange calendar, CancellationToken cancellationToken)
    {
        var period = Parse(text.Trim());
        var given = definition.Periods.Contains(period.Type) || (period.Type == PeriodType.DateRange && definition.Periods.Contains(PeriodType.Month));
        if (!given)
        {
            throw QueryException.Invalid($"{definition.Id} is given for {string.Join(", ", definition.Periods.Select(Described))}" +
                                         $"{(definition.Periods.Contains(PeriodType.Month) ? " and runs of days" : "")}, not for {Described(period.Type)}: ask for " +
                                         $"{string.Join(" or ", definition.Periods.Select(Example))}.");
        }

        if (controlled && period.Type is not (PeriodType.FinancialYear or PeriodType.Quarter))
        {
            throw QueryException.Forbidden(
                "At the controlled level values are given for financial years and their quarters, as IndicatorValues gives them: ask for a year " +
                "('2022/23') or a quarter ('Q1 2022/23'). Months, 12-month windows and runs of days would give many values that differ by a few people.");
        }

        await using var rows = await database.ReadAsync(connection, Covered, cancellationToken);
        var (first, last) = await rows.ReadAsync() ? ((int)rows.GetInt64(0), (int)rows.GetInt64(1)) : (0, -1);
        if (period.StartKey < first || period.EndKey > last || period.FirstMonth < calendar.First || period.LastMonth > calendar.Last)
        {
            throw QueryException.Invalid(first > last
                ? "The warehouse holds no load to evaluate."
                : $"The warehouse holds data from {Day(first)} to {Day(last)}: the period '{text}' ({Day(period.StartKey)} to {Day(period.EndKey)}) lies outside it.");
        }

        return period;
    }

    /// <summary>The period a text names, labelled as the stored values label theirs.</summary>
    public static Period Parse(string text)
    {
        if (FinancialYear().Match(text) is { Success: true } year && Number(year, 1) is var start && (start + 1) % 100 == Number(year, 2))
        {
            return Whole(PeriodType.FinancialYear, start * 12 + 3, 12);
        }

        if (Quarter().Match(text) is { Success: true } quarter && Number(quarter, 2) is var from && (from + 1) % 100 == Number(quarter, 3))
        {
            return Whole(PeriodType.Quarter, from * 12 + 3 + (Number(quarter, 1) - 1) * 3, 3);
        }

        if (Month().Match(text) is { Success: true } month && Number(month, 2) is >= 1 and <= 12)
        {
            return Whole(PeriodType.Month, Number(month, 1) * 12 + Number(month, 2) - 1, 1);
        }

        if (Rolling().Match(text) is { Success: true } rolling && Number(rolling, 2) is >= 1 and <= 12)
        {
            return Whole(PeriodType.Rolling12Months, Number(rolling, 1) * 12 + Number(rolling, 2) - 12, 12);
        }

        if (Days().Match(text) is { Success: true } days && Date(days.Groups[1].Value) is { } begin && Date(days.Groups[2].Value) is { } end)
        {
            return end < begin
                ? throw QueryException.Invalid($"The run of days '{text}' ends before it begins: write the first day, then the last.")
                : new Period(PeriodType.DateRange, begin.Year * 12 + begin.Month - 1, end.Year * 12 + end.Month - 1, text) { StartKey = Key(begin), EndKey = Key(end) };
        }

        throw QueryException.Invalid($"period must be {Forms}, not '{text}'.");
    }

    /// <summary>The stored values' own period of a type that starts in a month, with its label.</summary>
    private static Period Whole(PeriodType type, int firstMonth, int months) => Period.Within(type, firstMonth, firstMonth + months - 1).Single();

    private static int Number(Match match, int group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    private static DateOnly? Date(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static int Key(DateOnly date) => date.Year * 10000 + date.Month * 100 + date.Day;

    private static string Day(int key) => string.Create(CultureInfo.InvariantCulture, $"{key / 10000:D4}-{key / 100 % 100:D2}-{key % 100:D2}");

    private static string Described(PeriodType type) => type switch
    {
        PeriodType.FinancialYear => "financial years",
        PeriodType.Quarter => "quarters",
        PeriodType.Month => "months",
        PeriodType.Rolling12Months => "12-month windows",
        _ => "runs of days",
    };

    private static string Example(PeriodType type) => type switch
    {
        PeriodType.FinancialYear => "'2022/23'",
        PeriodType.Quarter => "'Q1 2022/23'",
        PeriodType.Month => "'2022-04'",
        PeriodType.Rolling12Months => "'12 months to 2023-03'",
        _ => "'2022-04-01/2022-09-30'",
    };

    [GeneratedRegex(@"^(\d{4})/(\d{2})$")]
    private static partial Regex FinancialYear();

    [GeneratedRegex(@"^Q([1-4]) (\d{4})/(\d{2})$")]
    private static partial Regex Quarter();

    [GeneratedRegex(@"^(\d{4})-(\d{2})$")]
    private static partial Regex Month();

    [GeneratedRegex(@"^12 months to (\d{4})-(\d{2})$")]
    private static partial Regex Rolling();

    [GeneratedRegex(@"^(\d{4}-\d{2}-\d{2})/(\d{4}-\d{2}-\d{2})$")]
    private static partial Regex Days();
}
