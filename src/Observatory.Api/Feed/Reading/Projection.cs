using System.Linq.Expressions;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;

namespace Observatory.Api.Feed.Reading;

/// <summary>
/// Turns $select and $expand into one flat list of columns, projected as <c>new object[] { ... }</c>: EF Core
/// translates that into a SELECT of exactly those columns, joining the expanded dimensions, and the rows are
/// then read straight from the database reader.
/// </summary>
public static class Projection
{
    /// <summary>The columns of <paramref name="entityType"/> chosen by the clause (all of them when there is none).</summary>
    /// <param name="clrType">The entity's CLR type.</param>
    /// <param name="entityType">The entity's EDM type.</param>
    /// <param name="clause">$select and $expand, if any.</param>
    /// <param name="includeKey">A property read even when not selected (hidden), such as the key for key-set paging.</param>
    public static (ResultShape Shape, LambdaExpression Selector) For(Type clrType, IEdmEntityType entityType, SelectExpandClause? clause, string? includeKey = null)
    {
        var row = Expression.Parameter(clrType, "row");
        var columns = new List<Column>();
        var values = new List<Expression>();
        Add(row, entityType, clause, [], columns, values, isRoot: true);
        if (includeKey is not null && !columns.Any(c => c.Path.Count == 1 && c.Name == includeKey))
        {
            var key = entityType.FindProperty(includeKey)!;
            columns.Add(new Column([includeKey], Column.KindOf(key.Type), Hidden: true));
            values.Add(Nullable(Expression.Property(row, includeKey)));
        }

        var array = Expression.NewArrayInit(typeof(object), values.Select(v => Expression.Convert(v, typeof(object))));
        return (new ResultShape(columns), Expression.Lambda(array, row));
    }

    /// <summary>Whether the fast reader can serve this $select/$expand: single-valued navigations with nested $select/$expand only.</summary>
    public static bool IsSimple(SelectExpandClause? clause) =>
        clause is null || clause.SelectedItems.All(item => item switch
        {
            PathSelectItem path => path.SelectedPath.Count == 1 && path.SelectedPath.FirstSegment is PropertySegment
                                   && path.FilterOption is null && path.OrderByOption is null && path.TopOption is null
                                   && path.SkipOption is null && path.CountOption is null && path.SearchOption is null && path.ComputeOption is null,
            ExpandedNavigationSelectItem expand => expand.PathToNavigationProperty.Count == 1
                                                   && expand.PathToNavigationProperty.FirstSegment is NavigationPropertySegment navigation
                                                   && !navigation.NavigationProperty.Type.IsCollection()
                                                   && expand.FilterOption is null && expand.OrderByOption is null && expand.TopOption is null
                                                   && expand.SkipOption is null && expand.CountOption is null && expand.SearchOption is null
                                                   && expand.LevelsOption is null && expand.ComputeOption is null && expand.ApplyOption is null
                                                   && IsSimple(expand.SelectAndExpand),
            _ => false,
        });

    private static void Add(Expression source, IEdmEntityType entityType, SelectExpandClause? clause, string[] path,
        List<Column> columns, List<Expression> values, bool isRoot)
    {
        var selected = clause is null || clause.AllSelected
            ? entityType.StructuralProperties().ToList()
            : clause.SelectedItems.OfType<PathSelectItem>().Select(p => ((PropertySegment)p.SelectedPath.FirstSegment).Property).ToList();

        // An expanded navigation that may be absent carries its key, hidden if not selected, to tell null apart.
        if (!isRoot)
        {
            foreach (var key in entityType.Key().Where(k => !selected.Contains(k)))
            {
                columns.Add(new Column([.. path, key.Name], Column.KindOf(key.Type), Hidden: true));
                values.Add(Nullable(Expression.Property(source, key.Name)));
            }
        }

        foreach (var property in selected)
        {
            columns.Add(new Column([.. path, property.Name], Column.KindOf(property.Type)));
            values.Add(Nullable(Expression.Property(source, property.Name)));
        }

        foreach (var expand in clause?.SelectedItems.OfType<ExpandedNavigationSelectItem>() ?? [])
        {
            var navigation = ((NavigationPropertySegment)expand.PathToNavigationProperty.FirstSegment).NavigationProperty;
            Add(Expression.Property(source, navigation.Name), navigation.ToEntityType(), expand.SelectAndExpand,
                [.. path, navigation.Name], columns, values, isRoot: false);
        }
    }

    // Reading through an optional navigation can give NULL for a non-nullable property: widen value types.
    private static Expression Nullable(Expression value) =>
        value.Type.IsValueType && System.Nullable.GetUnderlyingType(value.Type) is null
            ? Expression.Convert(value, typeof(Nullable<>).MakeGenericType(value.Type))
            : value;
}
