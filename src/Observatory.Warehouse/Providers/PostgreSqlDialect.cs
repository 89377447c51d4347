namespace Observatory.Warehouse.Providers;

/// <summary>PostgreSQL: real booleans, dates and timestamps.</summary>
public sealed class PostgreSqlDialect : SqlDialect
{
    public static PostgreSqlDialect Instance { get; } = new();

    public override string TrueLiteral => "TRUE";

    public override string FalseLiteral => "FALSE";

    public override object? Parameter(object? value) => value switch
    {
        DateTimeOffset time => time.UtcDateTime,
        DateTime time => DateTime.SpecifyKind(time, DateTimeKind.Utc),
        decimal number => (double)number,
        float number => (double)number,
        _ => value,
    };

    public override string IsNotDistinct(string left, string right) => $"({left} IS NOT DISTINCT FROM {right})";

    public override string IsDistinct(string left, string right) => $"({left} IS DISTINCT FROM {right})";

    public override string ToDouble(string value) => $"CAST({value} AS double precision)";

    public override string DatePart(DatePart part, string value) =>
        $"CAST(EXTRACT({part.ToString().ToUpperInvariant()} FROM {value}) AS integer)";

    public override string Contains(string text, string part) => $"(strpos({text}, {part}) > 0)";

    public override string StartsWith(string text, string prefix) => $"starts_with({text}, {prefix})";

    public override string EndsWith(string text, string suffix) => $"(right({text}, length({suffix})) = {suffix})";

    public override string IndexOf(string text, string part) => $"(strpos({text}, {part}) - 1)";

    public override string Substring(string text, string start, string? length) => length is null
        ? $"substr({text}, greatest({start}, 0) + 1)"
        : $"substr({text}, greatest({start}, 0) + 1, greatest({length}, 0))";

    // PostgreSQL rounds a double's halves to even; numeric rounds them away from zero, as OData does.
    public override string Round(string value) => $"CAST(round(CAST({value} AS numeric)) AS double precision)";

    public override string Floor(string value) => $"floor({value})";

    public override string Ceiling(string value) => $"ceil({value})";

    public override string Average(string value) => $"CAST(AVG({value}) AS double precision)";

    public override string Page(long? limit, long offset) =>
        (limit is null ? "" : $" LIMIT {Number(limit.Value)}") + (offset == 0 ? "" : $" OFFSET {Number(offset)}");
}
