namespace Observatory.Api.Feed;

/// <summary>Where the feed lives in the host's URL space.</summary>
public static class FeedRoute
{
    public const string Prefix = "odata";

    public static bool IsFeed(HttpRequest request) => request.Path.StartsWithSegments("/" + Prefix, StringComparison.Ordinal);
}
