using System.Globalization;
using System.Linq.Expressions;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.OData;
using Microsoft.OData.UriParser;
using Observatory.Api.Feed.Rows;

namespace Observatory.Api.Feed.Reading;

/// <summary>
/// A $apply answered by the feed: the grouped rows of <see cref="ApplyTranslation"/>, with $orderby, $top, $skip
/// and $count applied to them in SQL, paged in the order of the grouping keys (or of $orderby) with $skip links.
/// </summary>
public sealed class ApplyResult<T>(ODataQueryOptions<T> options) : FeedResult where T : class
{
    protected override async Task<FeedPlan> PlanAsync(HttpContext context, FeedRequest request, FeedRows rows, FeedLimits limits)
    {
        options.Validate(FeedQuerySettings.Validation(limits));
        if (options.SelectExpand is not null)
        {
            throw new ODataException("$select and $expand cannot follow $apply: name the columns in groupby and aggregate instead.");
        }

        var translation = ApplyTranslation.Translate(rows.Query<T>(context), options.Apply.ApplyClause, options.Context.Model);
        var query = translation.Rows;
        long? count = options.Count?.Value == true ? await CountAsync(query, translation.RowType, context.RequestAborted) : null;

        // Grouped rows come in a defined order so pages never overlap: $orderby first, then the grouping keys.
        var orders = Orders(translation).ToList();
        var first = true;
        foreach (var (column, descending) in orders)
        {
            query = Order(query, translation.RowType, ApplyTranslation.Property(column), first, descending);
            first = false;
        }

        var skip = options.Skip?.Value ?? 0;
        var top = (long?)options.Top?.Value;
        // A bare aggregate is one row: nothing to page.
        var paged = translation.GroupCount > 0 && !request.Csv && (top is null || top > request.PageSize);
        long? limit = paged ? request.PageSize : top;
        if (skip > 0)
        {
            query = Page(query, translation.RowType, nameof(Queryable.Skip), skip);
        }

        if (limit is { } rowsToWrite && translation.GroupCount > 0)
        {
            query = Page(query, translation.RowType, nameof(Queryable.Take), (int)Math.Min(rowsToWrite + (paged ? 1 : 0), int.MaxValue));
        }

        var row = Expression.Parameter(translation.RowType, "row");
        var array = Expression.NewArrayInit(typeof(object), translation.Columns.Select((_, i) =>
            Expression.Convert(Expression.Property(row, ApplyTranslation.Property(i)), typeof(object))));
        var projected = query.Provider.CreateQuery<object[]>(Expression.Call(typeof(Queryable), nameof(Queryable.Select),
            [translation.RowType, typeof(object[])], query.Expression, Expression.Quote(Expression.Lambda(array, row))));

        var shape = new ResultShape(translation.Columns);
        return new FeedPlan(projected, shape, ContextUrl.For(context.Request, options.Context.NavigationSource.Name, Selection(translation.Columns)),
            count, limit, KeyColumn: null, outcome => NextLink(context.Request, outcome, skip, top))
        {
            // A bare aggregate of no rows still answers one row: counts of zero, other aggregates null.
            EmptyRow = translation.GroupCount == 0 ? EmptyAggregate(options.Apply.ApplyClause, translation.Columns) : null,
        };
    }

    private static Task<long> CountAsync(IQueryable query, Type rowType, CancellationToken cancellationToken) =>
        ((Microsoft.EntityFrameworkCore.Query.IAsyncQueryProvider)query.Provider).ExecuteAsync<Task<long>>(
            Expression.Call(typeof(Queryable), nameof(Queryable.LongCount), [rowType], query.Expression), cancellationToken);

    private IEnumerable<(int Column, bool Descending)> Orders(ApplyTranslation translation)
    {
        var ordered = new List<(int, bool)>();
        foreach (var item in Items(options.OrderBy?.OrderByClause))
        {
            var path = NodePaths.Names(item.Expression);
            var column = path is null ? -1 : translation.Columns.ToList().FindIndex(c => c.Path.SequenceEqual(path));
            if (column < 0)
            {
                throw new ODataException("$orderby after $apply can use only the grouped properties and the aggregate aliases.");
            }

            ordered.Add((column, item.Direction == OrderByDirection.Descending));
        }

        foreach (var column in Enumerable.Range(0, translation.GroupCount).Where(c => !ordered.Any(o => o.Item1 == c)))
        {
            ordered.Add((column, false));
        }

        return ordered;
    }

    private static IEnumerable<OrderByClause> Items(OrderByClause? clause)
    {
        for (var item = clause; item is not null; item = item.ThenBy)
        {
            yield return item;
        }
    }

    private static IQueryable Order(IQueryable query, Type rowType, string property, bool first, bool descending)
    {
        var row = Expression.Parameter(rowType, "row");
        var key = Expression.Lambda(Expression.Property(row, property), row);
        var method = (first, descending) switch
        {
            (true, false) => nameof(Queryable.OrderBy),
            (true, true) => nameof(Queryable.OrderByDescending),
            (false, false) => nameof(Queryable.ThenBy),
            _ => nameof(Queryable.ThenByDescending),
        };
        return query.Provider.CreateQuery(Expression.Call(typeof(Queryable), method, [rowType, key.ReturnType], query.Expression, Expression.Quote(key)));
    }

    private static IQueryable Page(IQueryable query, Type rowType, string method, int count) =>
        query.Provider.CreateQuery(Expression.Call(typeof(Queryable), method, [rowType], query.Expression, Expression.Constant(count)));

    private static IEnumerable<string> Selection(IReadOnlyList<Column> columns) =>
        columns.GroupBy(c => c.Path[0]).Select(g => g.First().Path.Count == 1
            ? g.Key
            : $"{g.Key}({string.Join(',', g.Select(c => string.Join('/', c.Path.Skip(1))))})");

    private static object?[] EmptyAggregate(Microsoft.OData.UriParser.Aggregation.ApplyClause clause, IReadOnlyList<Column> columns) =>
        columns.Select(c => clause.Transformations.OfType<Microsoft.OData.UriParser.Aggregation.AggregateTransformationNode>()
            .SelectMany(a => a.AggregateExpressions).OfType<Microsoft.OData.UriParser.Aggregation.AggregateExpression>()
            .Any(a => a.Alias == c.Name && a.Method is Microsoft.OData.UriParser.Aggregation.AggregationMethod.VirtualPropertyCount
                or Microsoft.OData.UriParser.Aggregation.AggregationMethod.CountDistinct or Microsoft.OData.UriParser.Aggregation.AggregationMethod.Sum)
            ? (object?)0L
            : null).ToArray();

    private static string NextLink(HttpRequest request, SqlRunner.Outcome page, int skip, long? top)
    {
        var query = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        query["$skip"] = (skip + page.Written).ToString(CultureInfo.InvariantCulture);
        if (top is { } asked)
        {
            query["$top"] = (asked - page.Written).ToString(CultureInfo.InvariantCulture);
        }

        return UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path,
            QueryString.Create(query.Select(q => new KeyValuePair<string, string?>(q.Key, q.Value))));
    }
}
