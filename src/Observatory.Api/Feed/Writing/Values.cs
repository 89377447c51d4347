using System.Globalization;
using Observatory.Query.Results;
using Observatory.Warehouse.Providers;

namespace Observatory.Api.Feed.Writing;

/// <summary>Reads a column as the feed writes it, whichever provider stored it (SQLite keeps dates and times as text).</summary>
internal static class Values
{
    public static string Date(IRowReader row, int column) => row.GetValue(column) switch
    {
        string text => text.Length > 10 ? text[..10] : text,
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        var other => Convert.ToString(other, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>An ISO 8601 instant in UTC, as Edm.DateTimeOffset.</summary>
    public static string Timestamp(IRowReader row, int column)
    {
        var value = row.GetValue(column) switch
        {
            string text => DateTime.SpecifyKind(DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal), DateTimeKind.Utc),
            DateTime date => DateTime.SpecifyKind(date, DateTimeKind.Utc),
            DateTimeOffset offset => offset.UtcDateTime,
            var other => throw new InvalidCastException($"Not a timestamp: {other}"),
        };
        return value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>The value as text: for CSV, raw $value and the keys of canonical URLs.</summary>
    public static string Text(IRowReader row, int column, ColumnKind kind) => kind switch
    {
        ColumnKind.Integer => row.GetInt64(column).ToString(CultureInfo.InvariantCulture),
        ColumnKind.Boolean => row.GetInt64(column) != 0 ? "true" : "false",
        ColumnKind.Double => Number(row.GetDouble(column)),
        ColumnKind.Date => Date(row, column),
        ColumnKind.Timestamp => Timestamp(row, column),
        _ => row.GetString(column),
    };

    /// <summary>A double as OData writes it: shortest round-trip digits, INF, -INF and NaN by name (JSON Format 7.1).</summary>
    public static string Number(double value) => value switch
    {
        double.PositiveInfinity => "INF",
        double.NegativeInfinity => "-INF",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>The key of the row's entity, as a value for its canonical URL.</summary>
    public static object Key(IRowReader row, int column, ColumnKind kind) =>
        kind == ColumnKind.Integer ? row.GetInt64(column) : row.GetString(column);
}
