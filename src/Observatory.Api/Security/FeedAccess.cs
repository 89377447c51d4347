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
/// <remarks>
/// At the controlled level a condition obeys the categories-only rule of controlled <c>$apply</c>
/// (<see cref="ControlledCounts.CheckCondition"/>: <c>eq</c> on categories joined by <c>and</c>; no range, union or
/// exclusion) wherever it chooses which person-level rows go into a count released at that level, because two such
/// counts over rows that differ by a few people, each with noise of its own, could be differenced. There are two such
/// places, and both call that one check: the filter steps before the grouping of a controlled <c>$apply</c> over a
/// fact set (ApplyQuery; with <c>$count</c>, <c>/$count</c> and <c>$batch</c> parts alike, which plan through it), and
/// the filter parameter of <c>Indicators('id')/Observatory.Evaluate</c> (LiveIndicators).
/// <para>Every other condition a controlled caller can write only chooses among values already released, so it is
/// left free (ranges included, as a template's <c>PeriodStartKey ge 20220401</c>): the rows of Indicators,
/// IndicatorValues (whose Controlled values are each protected once, with their cell's own key, whichever filter lists
/// them) and the dimensions; <c>$filter</c>, <c>$orderby</c> and <c>$count</c> after a controlled grouping, which read
/// the released counts (Data Aggregation 3: <c>$apply</c> first); and <c>$filter</c> on an evaluation's result. Such
/// a filter returns a subset of rows the caller may read whole, and tells nothing the whole does not.</para>
/// <para>The summary sets (MonthlyReferrals, MonthlyOutcomes, YearlyHealthChecks) and Population hold exact small
/// counts, and fact rows are people: the controlled roles (Board at the controlled level, Researcher, and embed tokens)
/// may not read them at all, whatever the condition, and are told what to count instead
/// (<see cref="ControlledAlternatives"/>). The demo's anonymous caller acts as Admin whatever Disclosure:Demo says (the
/// level governs its indicator values only), and reads fact rows: the rule would protect nothing there.</para>
/// </remarks>
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
            throw new FeedRequestException(StatusCodes.Status403Forbidden, "Forbidden", !IsControlled(context) || caller.Role == Access.Roles.Role.Embedder ? refusal
                : ControlledCounts.Covers(request.Resource.Set) && set == request.Resource.Set.Name
                    ? $"{refusal} At the controlled level its rows may be counted instead, through $apply: for example {set}?$apply=groupby((Ethnicity/BroadGroup),aggregate($count as Count))."
                    : ControlledAlternatives.For(set) is { } instead ? $"{refusal} {instead}" : refusal);
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
