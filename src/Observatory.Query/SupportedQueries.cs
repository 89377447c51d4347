namespace Observatory.Query;

/// <summary>What the translation to SQL supports, as $metadata's capability annotations and the refusals list it.</summary>
public static class SupportedQueries
{
    /// <summary>The functions translated on both providers.</summary>
    public static readonly IReadOnlyList<string> Functions =
    [
        "contains", "startswith", "endswith", "length", "indexof", "substring", "tolower", "toupper", "trim", "concat",
        "year", "month", "day", "hour", "minute", "second", "round", "floor", "ceiling",
    ];

    /// <summary>The $apply transformations translated.</summary>
    public static readonly IReadOnlyList<string> Transformations = ["filter", "compute", "groupby", "aggregate"];
}
