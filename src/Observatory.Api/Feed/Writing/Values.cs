using System.Globalization;
using Observatory.Api.Feed.Reading;

namespace Observatory.Api.Feed.Writing;

/// <summary>Reads a column as the feed writes it, whichever provider stored it (SQLite keeps dates as text).</summary>
internal static class Values
{
    public static string Date(IRowSource row, int column) => row.GetValue(column) switch
    {
        string text => text,
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        var other => Convert.ToString(other, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>An ISO 8601 instant in UTC, as Edm.DateTimeOffset.</summary>
    public static string Timestamp(IRowSource row, int column)
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

    /// <summary>The value as text, for CSV.</summary>
    public static string Text(IRowSource row, int column, ColumnKind kind) => kind switch
    {
        ColumnKind.Integer => row.GetInt64(column).ToString(CultureInfo.InvariantCulture),
        ColumnKind.Boolean => row.GetInt64(column) != 0 ? "true" : "false",
        ColumnKind.Double => row.GetDouble(column).ToString("R", CultureInfo.InvariantCulture),
        ColumnKind.Date => Date(row, column),
        ColumnKind.Timestamp => Timestamp(row, column),
        _ => row.GetString(column),
    };
}
