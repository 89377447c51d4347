using Microsoft.OData.UriParser;
using Observatory.Api.Feed.Parsing;

namespace Observatory.Api.Security;

/// <summary>Refuses, before anything is planned, a request that reads a set the caller's role may not read.</summary>
public static class FeedAccess
{
    /// <exception cref="FeedRequestException">403, naming the role and the set.</exception>
    public static void Check(HttpContext context, FeedRequest request)
    {
        var caller = Caller.Of(context) ?? throw new InvalidOperationException("The feed was reached without a caller.");
        foreach (var set in Sets(request))
        {
            if (!SetAccess.MayRead(caller.Role, set))
            {
                throw new FeedRequestException(StatusCodes.Status403Forbidden, "Forbidden", SetAccess.Refusal(caller.Role, set));
            }
        }
    }

    private static IEnumerable<string> Sets(FeedRequest request)
    {
        yield return request.Resource.Set.Name;
        yield return request.Resource.TargetSet.Name;
        foreach (var set in Expanded(request.SelectExpand))
        {
            yield return set;
        }
    }

    private static IEnumerable<string> Expanded(SelectExpandClause? clause) =>
        clause?.SelectedItems.OfType<ExpandedNavigationSelectItem>()
            .SelectMany(e => Expanded(e.SelectAndExpand).Prepend(e.NavigationSource?.Name ?? ""))
            .Where(name => name.Length > 0) ?? [];
}
