using System.Linq.Expressions;
using System.Reflection;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Query.Expressions;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;
using Microsoft.OData.UriParser.Aggregation;

namespace Observatory.Api.Feed.Reading;

/// <summary>
/// $apply as LINQ that EF Core turns into the SQL a person would write: filters, then
/// <c>GROUP BY</c> the grouped paths (navigations become joins) with the aggregates in the select list, and
/// nothing else (no constant columns, no ORDER BY unless paging or $orderby needs one).
/// Supported: <c>filter</c> transformations followed by one <c>groupby</c> (with or without <c>aggregate</c>) or
/// one <c>aggregate</c>, using sum, average, min, max, countdistinct and $count over property paths.
/// Anything else is left to the OData library.
/// </summary>
public sealed class ApplyTranslation
{
    private const int MaxGroups = 8;
    private const int MaxColumns = 16;

    private ApplyTranslation(IQueryable rows, Type rowType, IReadOnlyList<Column> columns, int groupCount)
    {
        Rows = rows;
        RowType = rowType;
        Columns = columns;
        GroupCount = groupCount;
    }

    /// <summary>One <see cref="ApplyRow{T1,T2,T3,T4,T5,T6,T7,T8,T9,T10,T11,T12,T13,T14,T15,T16}"/> per group; column i is property P(i+1).</summary>
    public IQueryable Rows { get; }

    public Type RowType { get; }

    public IReadOnlyList<Column> Columns { get; }

    /// <summary>How many leading columns are grouping keys (the rest are aggregates).</summary>
    public int GroupCount { get; }

    public static string Property(int column) => $"P{column + 1}";

    /// <summary>Whether the shape of the $apply is one this translation handles.</summary>
    public static bool Supports(ApplyClause clause)
    {
        var steps = clause.Transformations.ToList();
        var filters = steps.TakeWhile(t => t is FilterTransformationNode).Count();
        if (steps.Count != filters + 1)
        {
            return false;
        }

        var (groups, aggregates) = Parts(steps[^1]);
        return groups is not null && aggregates is not null && groups.Count <= MaxGroups && groups.Count + aggregates.Count <= MaxColumns
               && groups.All(g => NodePaths.Names(g.Node) is { Count: > 0 })
               && aggregates.All(a => a is AggregateExpression { Method: not AggregationMethod.Custom } plain
                                      && (plain.Method == AggregationMethod.VirtualPropertyCount || NodePaths.Names(plain.Expression) is { Count: > 0 }));
    }

    public static ApplyTranslation Translate<T>(IQueryable<T> source, ApplyClause clause, IEdmModel model)
    {
        var steps = clause.Transformations.ToList();
        foreach (var filter in steps.OfType<FilterTransformationNode>())
        {
            source = (IQueryable<T>)new FilterBinder().ApplyBind(source, filter.FilterClause,
                new QueryBinderContext(model, FeedQuerySettings.Binding, typeof(T)));
        }

        var (groupNodes, aggregateNodes) = Parts(steps[^1]);
        var row = Expression.Parameter(typeof(T), "row");
        var groups = groupNodes!.Select(g => (g.Path, Value: Widen(NodePaths.Bind(g.Node, row)!))).ToList();
        var aggregates = aggregateNodes!.Cast<AggregateExpression>().ToList();

        // GROUP BY the grouped paths (a constant for a bare aggregate, which makes one group).
        var keyTypes = Fill(groups.Select(g => g.Value.Type), MaxGroups);
        var keyType = typeof(GroupKey<,,,,,,,>).MakeGenericType(keyTypes);
        Expression key = groups.Count == 0
            ? Expression.Constant(1)
            : Expression.MemberInit(Expression.New(keyType), groups.Select((g, i) => Expression.Bind(keyType.GetProperty(Property(i))!, g.Value)));
        var keyLambda = Expression.Lambda(key, row);
        var grouped = Call(typeof(Queryable), nameof(Queryable.GroupBy), [typeof(T), key.Type], source.Expression, Expression.Quote(keyLambda));

        var grouping = Expression.Parameter(typeof(IGrouping<,>).MakeGenericType(key.Type, typeof(T)), "group");
        var values = new List<(Column Column, Expression Value)>();
        for (var i = 0; i < groups.Count; i++)
        {
            var keyValue = Expression.Property(Expression.Property(grouping, "Key"), Property(i));
            values.Add((new Column(groups[i].Path, Column.KindOf(groups[i].Value.Type)), keyValue));
        }

        foreach (var aggregate in aggregates)
        {
            var value = Aggregate(aggregate, grouping, typeof(T));
            values.Add((new Column([aggregate.Alias], Column.KindOf(value.Type)), value));
        }

        var rowType = typeof(ApplyRow<,,,,,,,,,,,,,,,>).MakeGenericType(Fill(values.Select(v => v.Value.Type), MaxColumns));
        var select = Expression.Lambda(
            Expression.MemberInit(Expression.New(rowType), values.Select((v, i) => Expression.Bind(rowType.GetProperty(Property(i))!, v.Value))),
            grouping);
        var rows = Call(typeof(Queryable), nameof(Queryable.Select), [grouping.Type, rowType], grouped, Expression.Quote(select));
        return new ApplyTranslation(source.Provider.CreateQuery(rows), rowType, values.Select(v => v.Column).ToList(), groups.Count);
    }

    private static (List<(IReadOnlyList<string> Path, QueryNode Node)>? Groups, List<AggregateExpressionBase>? Aggregates) Parts(TransformationNode step) =>
        step switch
        {
            GroupByTransformationNode groupBy => (Leaves(groupBy.GroupingProperties, []),
                groupBy.ChildTransformations switch
                {
                    null => [],
                    AggregateTransformationNode aggregate => aggregate.AggregateExpressions.ToList(),
                    _ => null,
                }),
            AggregateTransformationNode aggregate => ([], aggregate.AggregateExpressions.ToList()),
            _ => (null, null),
        };

    private static List<(IReadOnlyList<string> Path, QueryNode Node)> Leaves(IEnumerable<GroupByPropertyNode> nodes, string[] prefix) =>
        nodes.SelectMany(node => node.Expression is not null
            ? [((IReadOnlyList<string>)[.. prefix, node.Name], (QueryNode)node.Expression)]
            : Leaves(node.ChildTransformations, [.. prefix, node.Name])).ToList();

    private static Expression Aggregate(AggregateExpression aggregate, ParameterExpression grouping, Type element)
    {
        if (aggregate.Method == AggregationMethod.VirtualPropertyCount)
        {
            return Call(typeof(Enumerable), nameof(Enumerable.Count), [element], grouping);
        }

        var item = Expression.Parameter(element, "item");
        var value = NodePaths.Bind(aggregate.Expression, item)!;
        switch (aggregate.Method)
        {
            case AggregationMethod.CountDistinct:
                var selected = Call(typeof(Enumerable), nameof(Enumerable.Select), [element, value.Type], grouping, Expression.Lambda(value, item));
                var distinct = Call(typeof(Enumerable), nameof(Enumerable.Distinct), [value.Type], selected);
                return Call(typeof(Enumerable), nameof(Enumerable.Count), [value.Type], distinct);
            case AggregationMethod.Average:
                // Averages are real numbers whatever the column type; null when every value is null.
                var real = Expression.Convert(value, typeof(double?));
                return Expression.Call(typeof(Enumerable), nameof(Enumerable.Average), [element], grouping, Expression.Lambda(real, item));
            case AggregationMethod.Sum:
                return Expression.Call(typeof(Enumerable), nameof(Enumerable.Sum), [element], grouping, Expression.Lambda(value, item));
            default:
                var nullable = Widen(value);
                var method = aggregate.Method == AggregationMethod.Min ? nameof(Enumerable.Min) : nameof(Enumerable.Max);
                return Expression.Call(typeof(Enumerable), method, [element, nullable.Type], grouping, Expression.Lambda(nullable, item));
        }
    }

    private static Expression Widen(Expression value) =>
        value.Type.IsValueType && Nullable.GetUnderlyingType(value.Type) is null
            ? Expression.Convert(value, typeof(Nullable<>).MakeGenericType(value.Type))
            : value;

    private static Type[] Fill(IEnumerable<Type> types, int count) =>
        [.. types, .. Enumerable.Repeat(typeof(int), count - types.Count())];

    private static MethodCallExpression Call(Type on, string name, Type[] typeArguments, params Expression[] arguments) =>
        Expression.Call(on, name, typeArguments, arguments);
}
