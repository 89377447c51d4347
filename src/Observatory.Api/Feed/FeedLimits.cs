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
}
