namespace Observatory.Api.Feed.Running;

/// <summary>A query ran past the feed's time limit before producing a row; answered 503 with Retry-After.</summary>
public sealed class QueryTimeoutException(TimeSpan limit) : Exception($"The query ran longer than the {limit.TotalSeconds:0.###}-second limit.")
{
    public TimeSpan Limit { get; } = limit;
}
