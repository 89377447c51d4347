using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Observatory.Api.Feed.Limits;

/// <summary>
/// The feed's limits (configuration section <c>Feed</c>), bound and validated at start. One object serves the checks
/// (<see cref="LimitChecks"/>), the capability annotations of $metadata and the researcher's guide's table
/// (<see cref="Describe"/>, compared with the guide by a test).
/// </summary>
public sealed class FeedLimits
{
    public const string Section = "Feed";

    /// <summary>Rows per page of a collection; further pages follow @odata.nextLink.</summary>
    [Range(1, 100_000)]
    public int PageSize { get; set; } = 5000;

    [Range(1, 10_000_000)]
    public int MaxTop { get; set; } = 100_000;

    [Range(0, 8)]
    public int MaxExpansionDepth { get; set; } = 3;

    /// <summary>Most nodes (operators, functions, properties, literals) in the expressions of one query.</summary>
    [Range(1, 100_000)]
    public int MaxNodeCount { get; set; } = 200;

    [Range(1, 100)]
    public int MaxOrderByClauses { get; set; } = 5;

    /// <summary>Most values in one 'in' list.</summary>
    [Range(1, 100_000)]
    public int MaxInListLength { get; set; } = 1000;

    /// <summary>Most properties and aggregates in one groupby or aggregate of $apply.</summary>
    [Range(1, 1000)]
    public int MaxApplyColumns { get; set; } = 32;

    /// <summary>Longest URL (path and query) accepted; longer queries go in the body of POST .../$query.</summary>
    [Range(256, 1_048_576)]
    public int MaxUrlLength { get; set; } = 16_384;

    /// <summary>Longest @odata.nextLink written out; a longer query continues from a token kept by the server.</summary>
    [Range(256, 65_536)]
    public int MaxNextLinkLength { get; set; } = 2048;

    /// <summary>Most requests in one $batch.</summary>
    [Range(1, 10_000)]
    public int MaxBatchParts { get; set; } = 100;

    /// <summary>
    /// Longest time one response may take, from the request to its last byte. A query that has produced no row by
    /// then is answered 503 with Retry-After; a response cut short is aborted, never ended as if complete.
    /// </summary>
    [Range(0.001, 86_400)]
    public double QueryTimeoutSeconds { get; set; } = 120;

    /// <summary>
    /// Queries of the fact tables that run at once, and as many again of the other sets; more wait their turn (within
    /// their time limit).
    /// </summary>
    [Range(1, 1024)]
    public int MaxConcurrentQueries { get; set; } = Math.Max(2, Environment.ProcessorCount * 2);

    /// <summary>The feed's address as clients reach it (behind a proxy); links are built from it. Default: the request's own (allowed) host.</summary>
    [Url]
    public string? PublicUrl { get; set; }

    public TimeSpan QueryTimeout => TimeSpan.FromSeconds(QueryTimeoutSeconds);

    /// <summary>The limits as the researcher's guide lists them: what, how much, and what happens past it.</summary>
    public IReadOnlyList<(string Limit, string Value, string PastIt)> Describe() =>
    [
        ("Rows per page", $"{N(PageSize)} (less with `Prefer: odata.maxpagesize`)", "the next page is at `@odata.nextLink`"),
        ("`$top`", N(MaxTop), "400 naming the limit"),
        ("`$expand` depth", N(MaxExpansionDepth), "400 naming the limit"),
        ("Expression size (operators, functions, properties and values in `$filter`, `$orderby`, `$compute` and `$apply`)", N(MaxNodeCount), "400 naming the limit"),
        ("Clauses in `$orderby`", N(MaxOrderByClauses), "400 naming the limit"),
        ("Values in one `in (...)` list", N(MaxInListLength), "400 naming the limit"),
        ("Properties and aggregates in one `groupby` or `aggregate`", N(MaxApplyColumns), "400 naming the limit"),
        ("URL length", $"{N(MaxUrlLength)} characters", "414: send the query with `POST .../$query`"),
        ("Requests in a `$batch`", N(MaxBatchParts), "400"),
        ("Time for one response, from the request to its last byte", $"{QueryTimeoutSeconds.ToString(CultureInfo.InvariantCulture)} seconds",
            "503 with `Retry-After` if no row came yet (the SQL is cancelled); otherwise the response is cut off, never ended as if complete"),
    ];

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
