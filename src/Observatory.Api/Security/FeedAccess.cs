using Microsoft.OData.UriParser;
using Observatory.Api.Feed.Parsing;
using Observatory.Api.Feed.Rows;
using Observatory.Indicators.Disclosure;
using Observatory.Query.Sql;

namespace Observatory.Api.Security;

/// <summary>
/// Refuses, before anything is planned, a request that reads a set the caller's role may not read; and decides
/// when a caller at the controlled level may count a fact set's rows instead (<see cref="ControlledCounts"/>).
/// </summary>
public static class FeedAccess
{
    /// <returns>The controlled counts the request is answered with, or null when the caller reads the set as it is.</returns>
    /// <exception cref="FeedRequestException">403, naming the role and the set.</exception>
    public static ControlledCounts? Check(HttpContext context, FeedRequest request)
    {
        var caller = Caller.Of(context) ?? throw new InvalidOperationException("The feed was reached without a caller.");
        ControlledCounts? counts = null;
        foreach (var set in Sets(request))
        {
            if (SetAccess.MayRead(caller.Role, set))
            {
                continue;
            }

            // An embedded dashboard reads indicators only: the counts are for named accounts, whose queries are audited as theirs.
            if (caller.Embed is { } grant)
            {
                throw new FeedRequestException(StatusCodes.Status403Forbidden, "Forbidden",
                    $"An embedded dashboard reads Indicators, IndicatorValues and indicators evaluated live (dashboard '{grant.Dashboard}'), not {set}.");
            }

            if (set == request.Resource.Set.Name && CountsAtControlledLevel(context, request) is { } controlled)
            {
                counts = controlled;
                continue;
            }

            var refusal = SetAccess.Refusal(caller.Role, set);
            throw new FeedRequestException(StatusCodes.Status403Forbidden, "Forbidden",
                ControlledCounts.Covers(request.Resource.Set) && set == request.Resource.Set.Name && IsControlled(context)
                    ? $"{refusal} At the controlled level its rows may be counted instead, through $apply: for example {set}?$apply=groupby((Ethnicity/BroadGroup),aggregate($count as Count))."
                    : refusal);
        }

        return counts;
    }

    /// <summary>A controlled caller's aggregating $apply over a fact set whose rows carry record keys, and nothing else.</summary>
    private static ControlledCounts? CountsAtControlledLevel(HttpContext context, FeedRequest request) =>
        IsControlled(context) && ControlledCounts.Covers(request.Resource.Set)
        && request.Resource.Kind is ResourceKind.Collection or ResourceKind.Count
        && request.Apply is { } apply && ApplyQuery.Aggregates(apply)
        && request.SelectExpand?.SelectedItems.OfType<ExpandedNavigationSelectItem>().Any() != true
            ? context.RequestServices.GetRequiredService<ControlledCounts>()
            : null;

    private static bool IsControlled(HttpContext context) =>
        context.RequestServices.GetRequiredService<IDisclosurePolicy>().LevelFor(context) == DisclosureLevel.Controlled;

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
