using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;
using Observatory.Api.Feed.Parsing;
using Observatory.Query;
using Observatory.Query.Results;

namespace Observatory.Api.Feed.Functions;

/// <summary>
/// The query options of a function's result, applied to the few rows the host computed: $filter, $orderby, $skip,
/// $top, $count (the rows $filter keeps) and $select. $filter and $orderby read the result's columns as the feed's SQL
/// does (OData's two-valued logic: a comparison with null is false, and null sorts first).
/// </summary>
internal static class ResultOptions
{
    /// <param name="type">The result's type: its properties are the columns, in order.</param>
    /// <param name="rows">The rows as values of those properties, in order.</param>
    public static (ResultShape Shape, IReadOnlyList<object?[]> Rows, long? Count) Apply(FeedRequest request, IEdmStructuredType type, IEnumerable<object?[]> rows)
    {
        var properties = type.StructuralProperties().ToList();
        var columns = properties.Select((p, i) => (p.Name, i)).ToDictionary(c => c.Name, c => c.i, StringComparer.Ordinal);
        var expressions = new RowExpressions(columns);
        var kept = request.Filter is { } filter ? rows.Where(row => expressions.Holds(filter.Expression, row)).ToList() : rows.ToList();
        IEnumerable<object?[]> ordered = kept;
        if (request.OrderBy is { } first)
        {
            IOrderedEnumerable<object?[]>? sorted = null;
            for (var clause = first; clause is not null; clause = clause.ThenBy)
            {
                var expression = clause.Expression;
                Func<object?[], object?> key = row => expressions.Value(expression, row);
                sorted = (sorted, clause.Direction) switch
                {
                    (null, OrderByDirection.Ascending) => kept.OrderBy(key, RowExpressions.Order),
                    (null, _) => kept.OrderByDescending(key, RowExpressions.Order),
                    (_, OrderByDirection.Ascending) => sorted.ThenBy(key, RowExpressions.Order),
                    _ => sorted.ThenByDescending(key, RowExpressions.Order),
                };
            }

            ordered = sorted!;
        }

        var page = ordered.Skip((int)Math.Min(request.Skip ?? 0, int.MaxValue)).Take((int)Math.Min(request.Top ?? int.MaxValue, int.MaxValue));
        var selected = Selected(request.SelectExpand, properties);
        var shape = new ResultShape(selected.Select(p => new ResultColumn([p.Name], (IEdmPrimitiveTypeReference)p.Type)).ToList(), set: null, transient: false);
        var at = selected.Select(p => columns[p.Name]).ToArray();
        return (shape, page.Select(row => at.Select(i => row[i]).ToArray()).ToList(), request.Count ? kept.Count : null);
    }

    private static List<IEdmStructuralProperty> Selected(SelectExpandClause? clause, List<IEdmStructuralProperty> properties)
    {
        if (clause is null || clause.AllSelected)
        {
            return properties;
        }

        var selected = new List<IEdmStructuralProperty>();
        foreach (var item in clause.SelectedItems)
        {
            if (item is not PathSelectItem { SelectedPath: { Count: 1, FirstSegment: PropertySegment { Property: IEdmStructuralProperty property } } } || HasOptions(item))
            {
                throw QueryException.NotSupported("$select on a function's result names its columns, as in $select=GroupCode,Value.");
            }

            if (!selected.Contains(property))
            {
                selected.Add(property);
            }
        }

        return selected;
    }

    private static bool HasOptions(SelectItem item) => item is PathSelectItem p
        && (p.FilterOption is not null || p.OrderByOption is not null || p.TopOption is not null || p.SkipOption is not null
            || p.CountOption is not null || p.SearchOption is not null || p.ComputeOption is not null);
}
