using System.Globalization;

namespace Observatory.Warehouse.Providers;

/// <summary>
/// SQLite: booleans are 0 and 1, dates are text 'yyyy-MM-dd' and timestamps 'yyyy-MM-dd HH:mm:ss.FFFFFFF' (as EF Core
/// stores them), so they compare and are taken apart as text.
/// </summary>
public sealed class SqliteDialect : SqlDialect
{
    public static SqliteDialect Instance { get; } = new();

    public override string TrueLiteral => "1";

    public override string FalseLiteral => "0";

    public override object? Parameter(object? value) => value switch
    {
        bool flag => flag ? 1L : 0L,
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime time => time.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.'),
        DateTimeOffset time => Parameter(time.UtcDateTime),
        decimal number => (double)number,
        float number => (double)number,
        int number => (long)number,
        _ => value,
    };

    public override string IsNotDistinct(string left, string right) => $"({left} IS {right})";

    public override string IsDistinct(string left, string right) => $"({left} IS NOT {right})";

    public override string ToDouble(string value) => $"CAST({value} AS REAL)";

    public override string DatePart(DatePart part, string value) => part switch
    {
        Providers.DatePart.Year => $"CAST(substr({value}, 1, 4) AS INTEGER)",
        Providers.DatePart.Month => $"CAST(substr({value}, 6, 2) AS INTEGER)",
        Providers.DatePart.Day => $"CAST(substr({value}, 9, 2) AS INTEGER)",
        Providers.DatePart.Hour => $"CAST(substr({value}, 12, 2) AS INTEGER)",
        Providers.DatePart.Minute => $"CAST(substr({value}, 15, 2) AS INTEGER)",
        _ => $"CAST(substr({value}, 18, 2) AS INTEGER)",
    };

    // instr and substr compare exactly; LIKE would ignore the case of ASCII letters.
    public override string Contains(string text, string part) => $"(instr({text}, {part}) > 0)";

    public override string StartsWith(string text, string prefix) => $"(substr({text}, 1, length({prefix})) = {prefix})";

    public override string EndsWith(string text, string suffix) =>
        $"(CASE WHEN length({suffix}) = 0 THEN {text} IS NOT NULL ELSE substr({text}, -length({suffix})) = {suffix} END)";

    public override string IndexOf(string text, string part) => $"(instr({text}, {part}) - 1)";

    public override string Substring(string text, string start, string? length) => length is null
        ? $"substr({text}, max({start}, 0) + 1)"
        : $"substr({text}, max({start}, 0) + 1, max({length}, 0))";

    public override string Round(string value) => $"round({value})";

    // Without SQLite's optional maths functions: the integer part, one lower (or higher) when a fraction was cut off.
    public override string Floor(string value) =>
        $"(CAST({value} AS INTEGER) - (CAST({value} AS INTEGER) > {value}))";

    public override string Ceiling(string value) =>
        $"(CAST({value} AS INTEGER) + (CAST({value} AS INTEGER) < {value}))";

    public override string Average(string value) => $"AVG({value})";

    public override string Page(long? limit, long offset) =>
        (limit, offset) switch
        {
            (null, 0) => "",
            (null, _) => $" LIMIT -1 OFFSET {Number(offset)}",
            (_, 0) => $" LIMIT {Number(limit.Value)}",
            _ => $" LIMIT {Number(limit.Value)} OFFSET {Number(offset)}",
        };
}
