namespace Observatory.Api.Feed;

/// <summary>Limits that keep the feed responsive (configuration section 'Feed').</summary>
public sealed class FeedLimits
{
    /// <summary>Rows per page of an entity set; further pages follow @odata.nextLink.</summary>
    public int PageSize { get; set; } = 5000;

    public int MaxTop { get; set; } = 100_000;

    public int MaxExpansionDepth { get; set; } = 3;

    public int MaxNodeCount { get; set; } = 200;

    public int MaxAnyAllExpressionDepth { get; set; } = 2;

    /// <summary>Longest URL (path and query) accepted; longer queries go in the body of POST .../$query.</summary>
    public int MaxUrlLength { get; set; } = 16_384;

    /// <summary>Most requests in one $batch.</summary>
    public int MaxBatchParts { get; set; } = 100;

    /// <summary>Most values in one 'in' list of a filter.</summary>
    public int MaxInListLength { get; set; } = 1000;

    /// <summary>Longest time a query may run before its first row; past it the request is answered 503 and the SQL cancelled.</summary>
    public double QueryTimeoutSeconds { get; set; } = 120;
}
