using System.Globalization;

namespace Observatory.Warehouse.Providers;

/// <summary>
/// How SQLite and PostgreSQL spell what OData asks of them. Every function follows OData's definition (URL
/// Conventions 5.1.1): string positions count from 0, a null argument gives null, a division by zero gives null
/// (rather than an error on one provider and null on the other).
/// </summary>
public abstract class SqlDialect
{
    public static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    /// <summary>The literal for true and false in a condition.</summary>
    public abstract string TrueLiteral { get; }

    public abstract string FalseLiteral { get; }

    /// <summary>The value as the provider binds it (SQLite keeps dates and times as text, booleans as integers).</summary>
    public abstract object? Parameter(object? value);

    /// <summary>Whether two values are equal, counting two nulls as equal (never null itself).</summary>
    public abstract string IsNotDistinct(string left, string right);

    /// <summary>Whether two values differ, counting null as differing from every value but null (never null itself).</summary>
    public abstract string IsDistinct(string left, string right);

    public abstract string ToDouble(string value);

    /// <summary>A part of a date or timestamp as an integer: year, month, day, hour, minute or second.</summary>
    public abstract string DatePart(DatePart part, string value);

    public abstract string Contains(string text, string part);

    public abstract string StartsWith(string text, string prefix);

    public abstract string EndsWith(string text, string suffix);

    /// <summary>Position of the first occurrence, from 0; -1 when absent.</summary>
    public abstract string IndexOf(string text, string part);

    /// <summary>Characters from position <paramref name="start"/> (from 0), all or <paramref name="length"/> of them.</summary>
    public abstract string Substring(string text, string start, string? length);

    public virtual string Length(string text) => $"length({text})";

    public virtual string Lower(string text) => $"lower({text})";

    public virtual string Upper(string text) => $"upper({text})";

    public virtual string Trim(string text) => $"trim({text})";

    public virtual string Concat(string left, string right) => $"({left} || {right})";

    /// <summary>To the nearest integer, halves away from zero (as OData's round).</summary>
    public abstract string Round(string value);

    public abstract string Floor(string value);

    public abstract string Ceiling(string value);

    /// <summary>A quotient that is null, not an error, when the divisor is zero; integer operands divide as integers.</summary>
    public virtual string Divide(string dividend, string divisor) => $"({dividend} / NULLIF({divisor}, 0))";

    public virtual string Modulo(string dividend, string divisor) => $"({dividend} % NULLIF({divisor}, 0))";

    /// <summary>An average as a double whatever the column type.</summary>
    public abstract string Average(string value);

    /// <summary>The LIMIT and OFFSET clause for at most <paramref name="limit"/> rows after skipping <paramref name="offset"/>.</summary>
    public abstract string Page(long? limit, long offset);

    internal static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}

public enum DatePart
{
    Year,
    Month,
    Day,
    Hour,
    Minute,
    Second,
}
