using Microsoft.OData.UriParser;
using Microsoft.OData.UriParser.Aggregation;

namespace Observatory.Api.Feed.Parsing;

/// <summary>A feed request, parsed: the resource, its query options, the representation asked for and the preferences.</summary>
public sealed record FeedRequest(FeedResource Resource, FeedFormat Format, FeedPreferences Preferences)
{
    public FilterClause? Filter { get; init; }

    public SelectExpandClause? SelectExpand { get; init; }

    public OrderByClause? OrderBy { get; init; }

    public ApplyClause? Apply { get; init; }

    public ComputeClause? Compute { get; init; }

    public long? Top { get; init; }

    public long? Skip { get; init; }

    public bool Count { get; init; }

    /// <summary>Where the previous page ended (a key-set position this feed issued).</summary>
    public string? SkipToken { get; init; }

    /// <summary>The query options as received (or resumed), without $skiptoken: the base of next links.</summary>
    public required IReadOnlyDictionary<string, string> Options { get; init; }

    /// <summary>Whether next links must continue from a kept token rather than repeat the query (it arrived in a body, or was kept already).</summary>
    public bool KeepQuery { get; init; }

    /// <summary>The feed's root as clients reach it, e.g. http://127.0.0.1:5080/odata (no trailing slash).</summary>
    public required string ServiceRoot { get; init; }
}
