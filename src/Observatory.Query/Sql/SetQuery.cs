using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;
using Observatory.Query.Results;
using Observatory.Warehouse.Providers;

namespace Observatory.Query.Sql;

/// <summary>
/// A read of an entity set as one SQL statement: conditions ($filter, the caller's row policy, a key), computed
/// properties, the columns $select and $expand choose (expanded dimensions joined, never fetched row by row), the
/// order ($orderby, then the key, so pages never overlap) and the page.
/// </summary>
public sealed class SetQuery
{
    private readonly SqlDialect _dialect;
    private readonly SqlParameters _parameters = new();
    private readonly TableScope _scope;
    private readonly SelectStatement _select;
    private readonly ExpressionTranslator _translate;
    private IReadOnlyList<string> _focus = [];

    public SetQuery(IEdmEntitySet set, SqlDialect dialect)
    {
        _dialect = dialect;
        _scope = new TableScope(set, SqlDialect.Quote(set.Name), new Aliases());
        _select = new SelectStatement(_scope);
        _translate = new ExpressionTranslator(dialect, _parameters, _scope);
    }

    public IEdmEntitySet Set => _scope.Set;

    /// <summary>The entity set of the rows the query returns (the root set, or the target of <see cref="Navigate"/>).</summary>
    public IEdmEntitySet ResultSet { get; private set; } = null!;

    /// <summary>Keeps the rows for which the condition (an OData boolean expression over the set) is true.</summary>
    public SetQuery Where(SingleValueNode condition)
    {
        _select.Where.Add(_translate.Condition(condition));
        return this;
    }

    /// <summary>Keeps the row with this key.</summary>
    public SetQuery WhereKey(object key)
    {
        var property = _scope.Type.Key().Single();
        _select.Where.Add($"{_scope.Property([], property.Name).Sql} = {_parameters.Add(_dialect.Parameter(key))}");
        return this;
    }

    /// <summary>Rows whose key is greater than <paramref name="key"/>: the page after one that ended there.</summary>
    public SetQuery After(long key)
    {
        var property = _scope.Type.Key().Single();
        _select.Where.Add($"{_scope.Property([], property.Name).Sql} > {_parameters.Add(key)}");
        return this;
    }

    /// <summary>Makes the computed properties of $compute readable by name in the other options.</summary>
    public SetQuery Compute(ComputeClause? compute)
    {
        foreach (var item in compute?.ComputedItems ?? [])
        {
            AddComputed(item.Alias, item.Expression);
        }

        return this;
    }

    private void AddComputed(string alias, SingleValueNode expression)
    {
        if (_scope.Type.FindProperty(alias) is not null || _scope.HasName(alias))
        {
            throw QueryException.Invalid($"The computed property '{alias}' has the name of a property already; choose another.");
        }

        _scope.Name(alias, _translate.Value(expression));
    }

    /// <summary>A $apply that does not aggregate (only filter and compute steps): its result is rows of the set.</summary>
    public SetQuery Apply(Microsoft.OData.UriParser.Aggregation.ApplyClause apply)
    {
        foreach (var step in apply.Transformations)
        {
            switch (step)
            {
                case Microsoft.OData.UriParser.Aggregation.FilterTransformationNode filter:
                    Where(filter.FilterClause.Expression);
                    break;
                case Microsoft.OData.UriParser.Aggregation.ComputeTransformationNode compute:
                    foreach (var item in compute.Expressions)
                    {
                        AddComputed(item.Alias, item.Expression);
                    }

                    break;
                default:
                    throw QueryException.NotSupported($"The {step.Kind} transformation is not supported. Supported: {string.Join(", ", SupportedQueries.Transformations)}.");
            }
        }

        return this;
    }

    /// <summary>Returns the entities reached from each row by the navigation path instead of the rows themselves.</summary>
    public SetQuery Navigate(IReadOnlyList<string> navigations)
    {
        _focus = navigations;
        return this;
    }

    /// <summary>The columns to read: all properties of the result's type, or those $select names; expanded navigations nested.</summary>
    /// <param name="clause">$select and $expand, if any.</param>
    public ResultShape Select(SelectExpandClause? clause)
    {
        var (_, type, _) = _scope.Entity(_focus);
        ResultSet = _focus.Count == 0 ? Set : Set.Container.EntitySets().Single(s => s.EntityType == type);
        var columns = new List<ResultColumn>();
        var keys = new List<(string[] Path, int Column, IEdmEntitySet Set)>();
        AddEntity(_focus, [], type, clause, columns, keys, isRoot: true);
        // Computed properties are part of the rows unless $select chooses (then only those it names).
        if (clause is null || clause.AllSelected)
        {
            foreach (var (name, value) in _scope.Names)
            {
                AddColumn(value, [name], columns, dynamic: true);
            }
        }

        var shape = new ResultShape(columns, ResultSet, transient: false);
        foreach (var (path, column, set) in keys)
        {
            var node = path.Aggregate(shape.Root, (n, name) => n.Child(name));
            node.EntitySet = set;
            node.KeyColumn = column;
            node.Presence = path.Length == 0 ? null : column;
        }

        return shape;
    }

    /// <summary>A single property of the result's entity (for <c>Set(key)/Property</c>): column 0 is the entity's key, column 1 the property.</summary>
    public ResultShape SelectProperty(string name)
    {
        var (_, type, _) = _scope.Entity(_focus);
        ResultSet = _focus.Count == 0 ? Set : Set.Container.EntitySets().Single(s => s.EntityType == type);
        var key = type.Key().Single().Name;
        var columns = new List<ResultColumn>();
        AddColumn(_scope.Property(_focus, key), [key], columns, hidden: true);
        AddColumn(_scope.Property(_focus, name), [name], columns);
        return new ResultShape(columns, ResultSet, transient: false);
    }

    /// <summary>Orders by $orderby's items, then by the key.</summary>
    public SetQuery OrderBy(OrderByClause? clause)
    {
        for (var item = clause; item is not null; item = item.ThenBy)
        {
            _select.OrderBy.Add($"{_translate.Value(item.Expression).Sql} {(item.Direction == OrderByDirection.Descending ? "DESC" : "ASC")}");
        }

        _select.OrderBy.Add(_scope.Property([], _scope.Type.Key().Single().Name).Sql);
        return this;
    }

    public SqlStatement Rows(long? limit, long offset)
    {
        _select.Limit = limit;
        _select.Offset = offset;
        return new SqlStatement(_select.Sql(_dialect), _parameters.Values);
    }

    /// <summary>How many rows match, ignoring order and page.</summary>
    public SqlStatement Count()
    {
        var (limit, offset) = (_select.Limit, _select.Offset);
        (_select.Limit, _select.Offset) = (null, 0);
        var count = new SqlStatement(_select.CountSql(_dialect), _parameters.Values);
        (_select.Limit, _select.Offset) = (limit, offset);
        return count;
    }

    private void AddEntity(IReadOnlyList<string> from, string[] path, IEdmEntityType type, SelectExpandClause? clause,
        List<ResultColumn> columns, List<(string[], int, IEdmEntitySet)> keys, bool isRoot)
    {
        var selected = clause is null || clause.AllSelected
            ? type.StructuralProperties().ToList()
            : clause.SelectedItems.OfType<PathSelectItem>().Where(p => p.SelectedPath.FirstSegment is PropertySegment)
                .Select(p => ((PropertySegment)p.SelectedPath.FirstSegment).Property).ToList();
        foreach (var item in clause?.SelectedItems ?? [])
        {
            switch (item)
            {
                case PathSelectItem { SelectedPath.FirstSegment: PropertySegment } p when p.SelectedPath.Count > 1:
                    throw QueryException.NotSupported("$select names properties of the set, not paths into them.");
                case PathSelectItem p when HasNestedOptions(p):
                    throw QueryException.NotSupported("Options inside $select are not supported.");
                case ExpandedNavigationSelectItem expand when HasNestedOptions(expand):
                    throw QueryException.NotSupported($"Options inside $expand ({expand.PathToNavigationProperty.FirstSegment.Identifier}(...)) other than $select and $expand are not supported: the navigations are single-valued.");
                case ExpandedReferenceSelectItem and not ExpandedNavigationSelectItem:
                    throw QueryException.NotSupported("$expand with /$ref is not supported; expand the navigation itself.");
            }
        }

        // Every entity carries its key, shown or hidden: it tells an absent navigation from a present one, and names the entity.
        var key = type.Key().Single();
        var keyColumn = selected.Contains(key) ? columns.Count + selected.IndexOf(key) : columns.Count + selected.Count;
        foreach (var property in selected)
        {
            AddColumn(_scope.Property(from, property.Name), [.. path, property.Name], columns);
        }

        if (!selected.Contains(key))
        {
            AddColumn(_scope.Property(from, key.Name), [.. path, key.Name], columns, hidden: true);
        }

        keys.Add((path, keyColumn, Set.Container.EntitySets().Single(s => s.EntityType == type)));

        foreach (var name in clause?.SelectedItems.OfType<PathSelectItem>().Select(p => p.SelectedPath.FirstSegment).OfType<DynamicPathSegment>().Select(d => d.Identifier) ?? [])
        {
            if (!isRoot)
            {
                throw QueryException.NotSupported("Computed properties belong to the rows of the set, not to expanded entities.");
            }

            AddColumn(_scope.Named(name), [name], columns, dynamic: true);
        }

        foreach (var expand in clause?.SelectedItems.OfType<ExpandedNavigationSelectItem>() ?? [])
        {
            if (expand.PathToNavigationProperty.Count != 1 || expand.PathToNavigationProperty.FirstSegment is not NavigationPropertySegment segment)
            {
                throw QueryException.NotSupported("$expand names navigation properties of the set, not paths or casts.");
            }

            var navigation = segment.NavigationProperty;
            AddEntity([.. from, navigation.Name], [.. path, navigation.Name], navigation.ToEntityType(), expand.SelectAndExpand, columns, keys, isRoot: false);
        }
    }

    private static bool HasNestedOptions(SelectItem item) => item switch
    {
        PathSelectItem p => p.FilterOption is not null || p.OrderByOption is not null || p.TopOption is not null || p.SkipOption is not null
                            || p.CountOption is not null || p.SearchOption is not null || p.ComputeOption is not null,
        ExpandedNavigationSelectItem e => e.FilterOption is not null || e.OrderByOption is not null || e.TopOption is not null
                                          || e.SkipOption is not null || e.CountOption is not null || e.SearchOption is not null
                                          || e.LevelsOption is not null || e.ComputeOption is not null || e.ApplyOption is not null,
        _ => false,
    };

    private void AddColumn(SqlValue value, string[] path, List<ResultColumn> columns, bool hidden = false, bool dynamic = false)
    {
        _select.AddColumn(value.Sql);
        var type = value.Type as IEdmPrimitiveTypeReference
                   ?? throw QueryException.Invalid($"'{string.Join('/', path)}' has no value of a primitive type.");
        columns.Add(new ResultColumn(path, type, hidden, dynamic));
    }
}
