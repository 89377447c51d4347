using System.Globalization;
using Microsoft.Extensions.Options;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;
using Observatory.Api.Feed.Limits;
using Observatory.Api.Feed.Parsing;
using Observatory.Query;
using Observatory.Query.Sql;
using Observatory.Query.Summaries;
using Observatory.Warehouse.Providers;

namespace Observatory.Api.Feed.Planning;

/// <summary>
/// Plans the SQL for a parsed request: which rows (the caller's row condition first, then $apply, $compute and
/// $filter), which columns, in what order, and how the next page will continue.
/// </summary>
public sealed class FeedPlanner(IEdmModel model, WarehouseDatabase database, IOptions<FeedLimits> options)
{
    private const string AfterKey = "after-";
    private readonly FeedLimits _limits = options.Value;

    /// <param name="request">The parsed request.</param>
    /// <param name="rowCondition">The caller's row policy for the request's set, in $filter syntax; null for every row.</param>
    /// <param name="counts">For a caller at the controlled level counting a fact set: what it may ask and how counts are released.</param>
    /// <param name="cubes">The summary cubes the warehouse holds, which answer a $apply that asks only for what they keep.</param>
    public FeedPlan Plan(FeedRequest request, string? rowCondition, ControlledCounts? counts = null, IReadOnlyList<SummaryCube>? cubes = null)
    {
        cubes ??= [];
        var resource = request.Resource;
        var policy = rowCondition is null ? null : Condition(resource.Set, rowCondition);
        return resource.Kind switch
        {
            ResourceKind.Collection when request.Apply is { } apply && ApplyQuery.Aggregates(apply) => Aggregated(request, policy, counts, cubes),
            ResourceKind.Collection when counts is not null => throw QueryException.Forbidden("At the controlled level a fact set's rows are only counted, through an aggregating $apply."),
            ResourceKind.Collection => Rows(request, policy),
            ResourceKind.Count => Count(request, policy, counts, cubes),
            ResourceKind.Entity or ResourceKind.Reference => Entity(request, policy),
            _ => Property(request, policy),
        };
    }

    private FeedPlan Rows(FeedRequest request, SingleValueNode? policy)
    {
        var set = request.Resource.Set;
        var query = Filtered(request, policy);
        var shape = query.Select(request.SelectExpand);
        var count = request.Count ? query.Count() : null;
        // Pages continue after the last key when the key is a number (every fact and dimension); the indicator
        // catalogue's key is its text id, and its pages go by offset, as ordered pages do.
        var keyed = request.OrderBy is null && set.EntityType.Key().Single().Type.PrimitiveKind() is EdmPrimitiveTypeKind.Int32 or EdmPrimitiveTypeKind.Int64;
        if (SkipToken(request, keyed) is { } after)
        {
            query.After(after);
        }

        query.OrderBy(request.OrderBy);
        var (limit, paged) = Page(request, singleRow: false);
        var skip = request.Skip ?? 0;
        return new FeedPlan(request, query.Rows(limit + (paged ? 1 : 0), skip), count, shape,
            ContextUrl.Collection(request.ServiceRoot, set, request.SelectExpand), limit,
            paged ? keyed ? Paging.Key : Paging.Offset : Paging.None, skip);
    }

    private FeedPlan Aggregated(FeedRequest request, SingleValueNode? policy, ControlledCounts? counts, IReadOnlyList<SummaryCube> cubes)
    {
        if (request.Compute is not null)
        {
            throw QueryException.NotSupported("$compute cannot follow an aggregating $apply: compute inside it instead, as in $apply=groupby(...)/compute(...).");
        }

        var set = request.Resource.Set;
        var query = ApplyQuery.Plan(set, database.Dialect, request.Apply!, policy, counts, cubes, out var cube);
        query.Where(request.Filter);
        var shape = query.Select(request.SelectExpand);
        var count = request.Count ? query.Count() : null;
        SkipToken(request, keyed: false);
        query.OrderBy(request.OrderBy);
        var (limit, paged) = Page(request, query.IsSingleRow);
        var skip = request.Skip ?? 0;
        return new FeedPlan(request, query.Rows(limit + (paged ? 1 : 0), skip), count, shape,
            ContextUrl.Aggregated(request.ServiceRoot, set, shape), limit, paged ? Paging.Offset : Paging.None, skip) { AnsweredFrom = cube?.Name };
    }

    private FeedPlan Count(FeedRequest request, SingleValueNode? policy, ControlledCounts? counts, IReadOnlyList<SummaryCube> cubes)
    {
        SummaryCube? cube = null;
        var count = request.Apply is { } apply && ApplyQuery.Aggregates(apply)
            ? ApplyQuery.Plan(request.Resource.Set, database.Dialect, apply, policy, counts, cubes, out cube).Where(request.Filter).Count()
            : counts is null ? Filtered(request, policy).Count()
            : throw QueryException.Forbidden("At the controlled level a fact set's rows are only counted, through an aggregating $apply.");
        return new FeedPlan(request, null, count, null, "", null, Paging.None, 0) { AnsweredFrom = cube?.Name };
    }

    private FeedPlan Entity(FeedRequest request, SingleValueNode? policy)
    {
        var resource = request.Resource;
        var query = Keyed(request, policy).Compute(request.Compute);
        var shape = resource.Kind == ResourceKind.Reference ? query.Select(KeyOnly(resource.TargetSet)) : query.Select(request.SelectExpand);
        var context = resource.Kind == ResourceKind.Reference
            ? ContextUrl.Reference(request.ServiceRoot)
            : ContextUrl.Entity(request.ServiceRoot, resource.TargetSet, request.SelectExpand);
        return new FeedPlan(request, query.Rows(1, 0), null, shape, context, 1, Paging.None, 0);
    }

    private FeedPlan Property(FeedRequest request, SingleValueNode? policy)
    {
        var resource = request.Resource;
        var query = Keyed(request, policy);
        var shape = query.SelectProperty(resource.Property!.Name);
        return new FeedPlan(request, query.Rows(1, 0), null, shape, "", 1, Paging.None, 0);
    }

    /// <summary>The set's rows the request keeps: the caller's, then $apply's filters, then $filter.</summary>
    private SetQuery Filtered(FeedRequest request, SingleValueNode? policy)
    {
        var query = new SetQuery(request.Resource.Set, database.Dialect);
        if (policy is not null)
        {
            query.Where(policy);
        }

        if (request.Apply is { } apply)
        {
            query.Apply(apply);
        }

        query.Compute(request.Compute);
        if (request.Filter is { } filter)
        {
            query.Where(filter.Expression);
        }

        return query;
    }

    private SetQuery Keyed(FeedRequest request, SingleValueNode? policy)
    {
        var query = new SetQuery(request.Resource.Set, database.Dialect).WhereKey(request.Resource.Key!);
        if (policy is not null)
        {
            query.Where(policy);
        }

        return query.Navigate(request.Resource.Navigation.Select(n => n.Name).ToList());
    }

    /// <summary>How many rows this page holds, and whether another page may follow.</summary>
    private (long? Limit, bool Paged) Page(FeedRequest request, bool singleRow)
    {
        var pageSize = request.Preferences.PageSize(_limits.PageSize);
        // CSV streams the whole result in one response; a single row needs no pages.
        var paged = request.Format.Kind != MediaKind.Csv && !singleRow && (request.Top is null || request.Top > pageSize);
        return (paged ? pageSize : request.Top, paged);
    }

    /// <summary>The key after which this page starts, from a $skiptoken this feed issued.</summary>
    private static long? SkipToken(FeedRequest request, bool keyed)
    {
        if (request.SkipToken is not { } token)
        {
            return null;
        }

        var key = request.Resource.Set.EntityType.Key().Single();
        var (least, most) = key.Type.PrimitiveKind() == EdmPrimitiveTypeKind.Int32 ? (int.MinValue, int.MaxValue) : (long.MinValue, long.MaxValue);
        if (!keyed || !token.StartsWith(AfterKey, StringComparison.Ordinal) ||
            !long.TryParse(token.AsSpan(AfterKey.Length), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var after) ||
            after < least || after > most)
        {
            throw FeedRequestException.BadRequest($"The $skiptoken '{Truncated(token)}' was not issued by this feed for this query; follow @odata.nextLink as given.");
        }

        return after;
    }

    /// <summary>The $skiptoken that continues after a key.</summary>
    public static string After(long key) => AfterKey + key.ToString(CultureInfo.InvariantCulture);

    private SingleValueNode Condition(IEdmEntitySet set, string condition) =>
        new ODataQueryOptionParser(model, set.EntityType, set, new Dictionary<string, string> { ["$filter"] = condition }).ParseFilter().Expression;

    private static SelectExpandClause KeyOnly(IEdmEntitySet set) =>
        new([new PathSelectItem(new ODataSelectPath(new PropertySegment(set.EntityType.Key().Single())))], allSelected: false);

    private static string Truncated(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
