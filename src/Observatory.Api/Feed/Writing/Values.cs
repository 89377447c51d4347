using System.Data.Common;
using System.Globalization;
using Observatory.Api.Feed.Reading;

namespace Observatory.Api.Feed.Writing;

/// <summary>Reads a column as the feed writes it, whichever provider stored it (SQLite keeps dates as text).</summary>
internal static class Values
{
    public static string Date(DbDataReader reader, int column) => reader.GetValue(column) switch
    {
        string text => text,
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        var other => Convert.ToString(other, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>An ISO 8601 instant in UTC, as Edm.DateTimeOffset.</summary>
    public static string Timestamp(DbDataReader reader, int column)
    {
        var value = reader.GetValue(column) switch
        {
            string text => DateTime.SpecifyKind(DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal), DateTimeKind.Utc),
            DateTime date => DateTime.SpecifyKind(date, DateTimeKind.Utc),
            DateTimeOffset offset => offset.UtcDateTime,
            var other => throw new InvalidCastException($"Not a timestamp: {other}"),
        };
        return value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>The value as text, for CSV.</summary>
    public static string Text(DbDataReader reader, int column, ColumnKind kind) => kind switch
    {
        ColumnKind.Integer => reader.GetInt64(column).ToString(CultureInfo.InvariantCulture),
        ColumnKind.Boolean => reader.GetBoolean(column) ? "true" : "false",
        ColumnKind.Double => reader.GetDouble(column).ToString("R", CultureInfo.InvariantCulture),
        ColumnKind.Date => Date(reader, column),
        ColumnKind.Timestamp => Timestamp(reader, column),
        _ => reader.GetString(column),
    };
}
