using System.Text.Json;

namespace Observatory.Tests.Templates;

/// <summary>
/// An indicator's published overall value for City and Hackney in one financial year, exact (Unrestricted), as the
/// feed's IndicatorValues holds it: what the Power BI measures must reproduce for the same year.
/// </summary>
public sealed record StoredIndicatorValue(
    string Period, int PeriodStartKey, int PeriodEndKey, double? Numerator, double? Denominator, double? Value, double? Lower95, double? Upper95)
{
    /// <summary>The year the cross-check prefers: recent, and with every indicator running except Tree of Life.</summary>
    public const string PreferredYear = "2022/23";

    /// <summary>The preferred year's value, or the latest year's with a value (Tree of Life ran in 2021/22 only); null when none.</summary>
    public static async Task<StoredIndicatorValue?> ReadAsync(HttpClient feed, string indicatorId, CancellationToken cancel)
    {
        var url = "IndicatorValues?$filter=" + string.Join(" and ",
                $"IndicatorId eq '{indicatorId}'", "Disclosure eq 'Unrestricted'", "PeriodType eq 'FinancialYear'", "Breakdown eq 'overall'", "Area eq 'City and Hackney'") +
            "&$select=Period,PeriodStartKey,PeriodEndKey,Numerator,Denominator,Value,Lower95,Upper95&$orderby=PeriodStartKey desc";
        using var json = JsonDocument.Parse(await feed.GetStringAsync(new Uri(url, UriKind.Relative), cancel));
        var rows = json.RootElement.GetProperty("value").EnumerateArray().Select(Read).Where(r => r.Value is not null).ToList();
        return rows.FirstOrDefault(r => r.Period == PreferredYear) ?? rows.FirstOrDefault();
    }

    private static StoredIndicatorValue Read(JsonElement row)
    {
        double? Number(string name) => row.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
        return new(row.GetProperty(nameof(Period)).GetString()!, row.GetProperty(nameof(PeriodStartKey)).GetInt32(), row.GetProperty(nameof(PeriodEndKey)).GetInt32(),
            Number("Numerator"), Number("Denominator"), Number("Value"), Number("Lower95"), Number("Upper95"));
    }
}
