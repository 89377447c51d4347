using System.Linq.Expressions;
using System.Reflection;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.EntityFrameworkCore;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Observatory.Api.Feed.Rows;

namespace Observatory.Api.Feed.Reading;

/// <summary>
/// A page of an entity set: $filter, $select, $expand of dimensions, $orderby, $top, $skip, $count, served as one
/// SQL statement streamed to the client. Pages in key order continue with a key-set $skiptoken (the next page
/// starts after the last key, so it costs the same however deep it is); other orders continue with $skip.
/// </summary>
public sealed class EntitySetResult<T>(ODataQueryOptions<T> options) : FeedResult where T : class
{
    private const string SkipTokenPrefix = "after-";

    protected override async Task<FeedPlan> PlanAsync(HttpContext context, FeedRequest request, FeedRows rows, FeedLimits limits)
    {
        options.Validate(FeedQuerySettings.Validation(limits));
        FeedQuerySettings.CheckInLists(options.Filter?.FilterClause, limits);
        var entityType = (IEdmEntityType)options.Context.ElementType;
        var key = entityType.Key().Single().Name;
        var clause = options.SelectExpand?.SelectExpandClause;

        IQueryable<T> query = rows.Query<T>(context);
        if (options.Filter is not null)
        {
            query = (IQueryable<T>)options.Filter.ApplyTo(query, FeedQuerySettings.Binding);
        }

        long? count = options.Count?.Value == true ? await query.LongCountAsync(context.RequestAborted) : null;
        var keyed = options.OrderBy is null;
        var after = SkipToken(context.Request, keyed);
        if (after is { } last)
        {
            query = Keys.After(query, key, last);
        }

        IQueryable<T> ordered = keyed
            ? Keys.OrderBy(query, key)
            : Keys.ThenBy((IOrderedQueryable<T>)options.OrderBy!.ApplyTo(query, FeedQuerySettings.Binding), key);
        var skip = options.Skip?.Value ?? 0;
        var top = (long?)options.Top?.Value;
        // CSV streams every matching row; JSON stops at the page size, fetching one row more to know a next page exists.
        var paged = !request.Csv && (top is null || top > request.PageSize);
        long? limit = paged ? request.PageSize : top;
        if (skip > 0)
        {
            ordered = ordered.Skip(skip);
        }

        if (limit is { } rowsToWrite)
        {
            ordered = ordered.Take((int)Math.Min(rowsToWrite + (paged ? 1 : 0), int.MaxValue));
        }

        var (shape, selector) = Projection.For(typeof(T), entityType, clause, includeKey: key);
        var keyColumn = shape.Columns.ToList().FindIndex(c => c.Path.Count == 1 && c.Name == key);
        var projected = Queryable.Select(ordered, (Expression<Func<T, object[]>>)selector);

        return new FeedPlan(projected, shape, ContextUrl.For(context.Request, options.Context.NavigationSource.Name, clause), count,
            limit, keyed ? keyColumn : null,
            outcome => NextLink(context.Request, keyed, outcome, skip, top));
    }

    private static long? SkipToken(HttpRequest request, bool keyed)
    {
        var token = request.Query["$skiptoken"].ToString();
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        if (!keyed || !token.StartsWith(SkipTokenPrefix, StringComparison.Ordinal) ||
            !long.TryParse(token.AsSpan(SkipTokenPrefix.Length), System.Globalization.CultureInfo.InvariantCulture, out var after))
        {
            throw new ODataException($"The $skiptoken '{token}' was not issued by this feed for this query; follow @odata.nextLink as given.");
        }

        return after;
    }

    private static string NextLink(HttpRequest request, bool keyed, SqlRunner.Outcome page, int skip, long? top)
    {
        var query = Parameters(request.Query);
        query.Remove("$skiptoken");
        if (top is { } asked)
        {
            query["$top"] = (asked - page.Written).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (keyed)
        {
            query.Remove("$skip");
            query["$skiptoken"] = SkipTokenPrefix + page.LastKey!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else
        {
            query["$skip"] = (skip + page.Written).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path,
            QueryString.Create(query.Select(q => new KeyValuePair<string, string?>(q.Key, q.Value))));
    }

    private static Dictionary<string, string> Parameters(IQueryCollection query) =>
        query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);

    /// <summary>Key-typed ordering and comparisons (int or long keys), so SQL keeps using the primary key.</summary>
    private static class Keys
    {
        public static IOrderedQueryable<T> OrderBy(IQueryable<T> query, string key) => Call<IOrderedQueryable<T>>(nameof(Queryable.OrderBy), query, key);

        public static IOrderedQueryable<T> ThenBy(IOrderedQueryable<T> query, string key) => Call<IOrderedQueryable<T>>(nameof(Queryable.ThenBy), query, key);

        public static IQueryable<T> After(IQueryable<T> query, string key, long last)
        {
            var row = Expression.Parameter(typeof(T), "row");
            var property = Expression.Property(row, key);
            // A captured value (not a constant) becomes a SQL parameter, so every page reuses one query plan.
            var bound = Convert.ChangeType(last, property.Type, System.Globalization.CultureInfo.InvariantCulture);
            var holder = Activator.CreateInstance(typeof(KeyHolder<>).MakeGenericType(property.Type), bound)!;
            var value = Expression.Property(Expression.Constant(holder), "Value");
            return query.Where(Expression.Lambda<Func<T, bool>>(Expression.GreaterThan(property, value), row));
        }

        private static TResult Call<TResult>(string method, IQueryable<T> query, string key)
        {
            var row = Expression.Parameter(typeof(T), "row");
            var selector = Expression.Lambda(Expression.Property(row, key), row);
            var generic = typeof(Queryable).GetMethods(BindingFlags.Public | BindingFlags.Static)
                .Single(m => m.Name == method && m.GetParameters().Length == 2)
                .MakeGenericMethod(typeof(T), selector.ReturnType);
            return (TResult)generic.Invoke(null, [query, selector])!;
        }
    }
}

/// <summary>Holds a key value captured by a query, so EF Core sends it as a parameter rather than inlining it.</summary>
internal sealed record KeyHolder<TKey>(TKey Value);
