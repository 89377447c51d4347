using System.Globalization;
using Observatory.Warehouse.Providers;

namespace Observatory.Query.Sql;

/// <summary>
/// A value written into SQL text as a literal of the dialect. The value is as the dialect binds it
/// (<see cref="SqlDialect.Parameter"/>): SQLite has already turned booleans into 0 and 1 and dates and timestamps
/// into text, so what is left to spell per dialect is PostgreSQL's booleans, dates and timestamps.
/// </summary>
internal static class SqlLiteral
{
    public static string Of(object? value, SqlDialect dialect) => value switch
    {
        null => "NULL",
        // Standard SQL: a quote inside a string is doubled; nothing else is special in either dialect.
        string text => $"'{text.Replace("'", "''", StringComparison.Ordinal)}'",
        bool flag => flag ? dialect.TrueLiteral : dialect.FalseLiteral,
        long or int or short or byte or sbyte => System.Convert.ToString(value, CultureInfo.InvariantCulture)!,
        double number when double.IsFinite(number) => number.ToString("R", CultureInfo.InvariantCulture),
        double => throw QueryException.NotSupported("INF and NaN cannot be compared with in SQL: compare with a finite number."),
        DateOnly date => $"DATE '{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'",
        DateTime time => $"TIMESTAMP WITH TIME ZONE '{time.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture)}'",
        _ => throw new InvalidOperationException($"No SQL literal for a {value.GetType().Name}."),
    };
}
