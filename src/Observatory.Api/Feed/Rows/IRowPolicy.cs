using Microsoft.OData.Edm;

namespace Observatory.Api.Feed.Rows;

/// <summary>
/// Which rows of a set the caller may see, as an OData condition over the set (<c>$filter</c> syntax), applied to
/// every query the feed plans for that set: pages, counts, keys, navigations, $apply and $batch parts alike, so it
/// always ends up in the SQL. Row-level security by scope lives behind it (<see cref="Security.ScopedRows"/>).
/// </summary>
public interface IRowPolicy
{
    /// <returns>The condition the caller's rows meet, or null for every row.</returns>
    /// <exception cref="Parsing.FeedRequestException">403: the caller may read no row of the set.</exception>
    ValueTask<string?> ConditionForAsync(HttpContext caller, IEdmEntitySet entitySet, CancellationToken cancellationToken);
}
