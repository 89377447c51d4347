using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;
using Microsoft.OData.UriParser.Aggregation;
using Observatory.Query.Results;
using Observatory.Query.Summaries;
using Observatory.Warehouse.Providers;

namespace Observatory.Query.Sql;

/// <summary>
/// A $apply that aggregates, as SQL a person would write (Data Aggregation 3): <c>filter</c> and <c>compute</c> steps
/// on the rows, then <c>groupby</c> (navigations joined) or <c>aggregate</c> in one GROUP BY; any step after a grouping
/// reads the grouped rows as a subquery. $filter, $orderby, $select, $top, $skip and $count then apply to the result
/// (Data Aggregation 3: $apply is evaluated first).
/// </summary>
public sealed class ApplyQuery
{
    private readonly SqlDialect _dialect;
    private readonly SqlParameters _parameters = new();
    private readonly Aliases _aliases = new();
    private readonly IEdmEntitySet _set;
    private readonly ControlledCounts? _controlled;
    private readonly SummaryCube? _cube;
    private bool _released;

    // Whether a step grouped: a later step (a filter of the groups) reads them as a subquery that is not itself grouped.
    private bool _aggregated;
    private SelectStatement _level;
    private List<Output> _outputs = [];
    private HashSet<string>? _selected;

    /// <param name="set">The set the steps start from.</param>
    /// <param name="dialect">The provider's SQL.</param>
    /// <param name="apply">The steps.</param>
    /// <param name="rowCondition">The rows the caller may see (an OData condition over the set), applied before the first step.</param>
    /// <param name="controlled">For a caller at the controlled level: what it may ask of the rows, and how counts are released.</param>
    /// <param name="cube">A summary cube of the set to answer from; the query must ask only for what it keeps (<see cref="Plan"/>).</param>
    public ApplyQuery(IEdmEntitySet set, SqlDialect dialect, ApplyClause apply, SingleValueNode? rowCondition = null, ControlledCounts? controlled = null,
        SummaryCube? cube = null)
    {
        _set = set;
        _dialect = dialect;
        _controlled = controlled;
        _cube = cube;
        _level = new SelectStatement(cube is null ? new TableScope(set, SqlDialect.Quote(set.Name), _aliases) : new CubeScope(cube, _aliases.Table()));
        if (rowCondition is not null)
        {
            _level.Where.Add(Translator().Condition(rowCondition));
        }

        foreach (var step in apply.Transformations)
        {
            Apply(step);
        }

        if (!_aggregated)
        {
            throw new InvalidOperationException("Only a $apply that aggregates is an ApplyQuery; see SetQuery.Apply.");
        }
    }

    /// <summary>
    /// The query over the first summary cube that keeps everything it asks for (its paths, and sums it keeps), or
    /// over the facts when none does. The answer is the same either way; only the rows read differ.
    /// </summary>
    /// <param name="answeredFrom">The cube that answers; null for the facts.</param>
    public static ApplyQuery Plan(IEdmEntitySet set, SqlDialect dialect, ApplyClause apply, SingleValueNode? rowCondition, ControlledCounts? controlled,
        IEnumerable<SummaryCube> cubes, out SummaryCube? answeredFrom)
    {
        foreach (var cube in cubes.Where(c => c.Set == set.Name))
        {
            try
            {
                answeredFrom = cube;
                return new ApplyQuery(set, dialect, apply, rowCondition, controlled, cube);
            }
            catch (NotCoveredException)
            {
                // The next cube, or the facts.
            }
        }

        answeredFrom = null;
        return new ApplyQuery(set, dialect, apply, rowCondition, controlled);
    }

    /// <summary>Whether the steps group or aggregate (otherwise the result is rows of the set, read with <see cref="SetQuery"/>).</summary>
    public static bool Aggregates(ApplyClause apply) =>
        apply.Transformations.Any(t => t.Kind is TransformationNodeKind.GroupBy or TransformationNodeKind.Aggregate);

    /// <summary>$filter after $apply: keeps the result rows for which the condition is true.</summary>
    public ApplyQuery Where(FilterClause? filter)
    {
        if (filter is not null)
        {
            Wrap();
            _level.Where.Add(Translator().Condition(filter.Expression));
        }

        return this;
    }

    /// <summary>$select after $apply chooses among the grouped properties and aliases; $expand cannot follow $apply.</summary>
    public ResultShape Select(SelectExpandClause? clause)
    {
        if (clause is { AllSelected: false } || clause?.SelectedItems.Any() == true)
        {
            if (clause.SelectedItems.Any(i => i is ExpandedReferenceSelectItem))
            {
                throw QueryException.Invalid("$expand cannot follow $apply: its rows are groups, not entities. Group by the navigation's properties instead.");
            }

            _selected = clause.SelectedItems.OfType<PathSelectItem>().Select(p => p.SelectedPath.FirstSegment.Identifier).ToHashSet(StringComparer.Ordinal);
            var unknown = _selected.FirstOrDefault(name => _outputs.All(o => o.Path[0] != name));
            if (unknown is not null)
            {
                throw QueryException.Invalid($"$select names '{unknown}', which is not in the result of $apply; choose among: {string.Join(", ", _outputs.Select(o => o.Path[0]).Distinct())}.");
            }
        }

        var columns = _outputs.Select(o => new ResultColumn(o.Path, (IEdmPrimitiveTypeReference)o.Type, Hidden: _selected?.Contains(o.Path[0]) == false, o.Dynamic)).ToList();
        var shape = new ResultShape(columns, null, transient: true);
        // A grouped navigation is null, not an object of nulls, when the row had none (a referral that has not ended
        // has no end date): a value that cannot be null in its own table tells.
        foreach (var node in shape.Root.Objects())
        {
            node.Presence = node.Children.Where(c => !c.IsObject && _outputs[c.Column].Required).Select(c => (int?)c.Column).FirstOrDefault();
        }

        return shape;
    }

    /// <summary>$orderby after $apply, then the grouping keys, so pages never overlap.</summary>
    public ApplyQuery OrderBy(OrderByClause? clause)
    {
        if (clause is not null && _level.IsPaged)
        {
            Wrap();
        }

        var outputs = OutputScope();
        var translate = new ExpressionTranslator(_dialect, _parameters, outputs);
        for (var item = clause; item is not null; item = item.ThenBy)
        {
            _level.OrderBy.Add($"{translate.Value(item.Expression).Sql} {(item.Direction == OrderByDirection.Descending ? "DESC" : "ASC")}");
        }

        _level.OrderBy.AddRange(_outputs.Select((o, i) => (o, i)).Where(p => p.o.Group).Select(p => $"c{p.i}"));
        return this;
    }

    /// <summary>The result's rows, <paramref name="offset"/> rows in, at most <paramref name="limit"/>.</summary>
    public SqlStatement Rows(long? limit, long offset)
    {
        if (_level.IsPaged && (limit is not null || offset > 0))
        {
            Wrap();
            _level.OrderBy.AddRange(_outputs.Select((o, i) => (o, i)).Where(p => p.o.Group).Select(p => $"c{p.i}"));
        }

        (_level.Limit, _level.Offset) = (limit ?? _level.Limit, offset + _level.Offset);
        return new SqlStatement(_level.Sql(_dialect), _parameters.Values);
    }

    public SqlStatement Count() => new(_level.CountSql(_dialect), _parameters.Values);

    /// <summary>Whether the result is a single row of aggregates (no grouping), so never more than one page.</summary>
    public bool IsSingleRow => _outputs.All(o => !o.Group);

    private void Apply(TransformationNode step)
    {
        if (_controlled is not null && !_released)
        {
            ControlledCounts.CheckBeforeGrouping(step);
        }

        switch (step)
        {
            case FilterTransformationNode filter:
                if (_level.Grouped)
                {
                    Wrap();
                }

                _level.Where.Add(Translator().Condition(filter.FilterClause.Expression));
                break;
            case ComputeTransformationNode compute:
                if (_level.Grouped)
                {
                    Wrap();
                }

                foreach (var item in compute.Expressions)
                {
                    CheckAlias(item.Alias);
                    var value = Translator().Value(item.Expression);
                    _level.Scope.Name(item.Alias, value);
                }

                break;
            case GroupByTransformationNode groupBy:
                Group(Leaves(groupBy.GroupingProperties, []), groupBy.ChildTransformations switch
                {
                    null => [],
                    AggregateTransformationNode aggregate => aggregate.AggregateExpressions,
                    _ => throw QueryException.NotSupported("Inside groupby, only aggregate(...) may follow the grouped properties."),
                });
                break;
            case AggregateTransformationNode aggregate:
                Group([], aggregate.AggregateExpressions);
                break;
            case ExpandTransformationNode:
                throw QueryException.NotSupported("The expand transformation is not supported (and is no longer part of Data Aggregation): group by the navigation's properties, as in groupby((Ethnicity/BroadGroup)).");
            default:
                throw QueryException.NotSupported($"The {step.Kind} transformation is not supported. Supported: {string.Join(", ", SupportedQueries.Transformations)}.");
        }
    }

    private void Group(IReadOnlyList<(string[] Path, SingleValueNode Node)> groups, IEnumerable<AggregateExpressionBase> aggregates)
    {
        if (_level.Grouped)
        {
            // A grouping of grouped rows: it reads them as a subquery and selects only its own columns.
            Wrap();
            _level.Columns.Clear();
        }

        var translate = Translator();
        var outputs = new List<Output>();
        var controlled = _controlled is not null && !_released;
        foreach (var (path, node) in groups)
        {
            if (controlled)
            {
                ControlledCounts.CheckGroup(path, node);
            }

            var value = translate.Value(node);
            _level.GroupBy.Add(value.Sql);
            outputs.Add(new Output(path, value.Sql, value.Type ?? throw QueryException.Invalid($"Cannot group by '{string.Join('/', path)}'."),
                Group: true, Dynamic: false, Required: Required(node)));
        }

        var keySums = new List<(int Output, string KeySum)>();
        foreach (var aggregate in aggregates)
        {
            var (sql, type, alias) = controlled ? Counted(aggregate, translate, keySums, outputs.Count) : Aggregate(aggregate, translate);
            CheckAlias(alias);
            if (outputs.Any(o => o.Path[0] == alias))
            {
                throw QueryException.Invalid($"The alias '{alias}' is used twice; each aggregate needs its own.");
            }

            outputs.Add(new Output([alias], sql, type, Group: false, Dynamic: true, Required: false));
        }

        if (outputs.Count == 0)
        {
            throw QueryException.Invalid("groupby needs at least one property or aggregate.");
        }

        foreach (var output in outputs)
        {
            _level.AddColumn(output.Sql);
        }

        _level.Grouped = true;
        _aggregated = true;
        _outputs = outputs;
        if (controlled)
        {
            Release(keySums);
        }
    }

    /// <summary>
    /// The first grouping of a controlled caller's rows, made a subquery whose counts come out released: perturbed,
    /// null where withheld, and a group listed only when one of its counts (or, with none asked for, the count of its
    /// rows) is published above the threshold. Every later step reads only the released values.
    /// </summary>
    private void Release(List<(int Output, string KeySum)> counts)
    {
        var (rowCount, rowKeys) = _level.Scope is CubeScope cube
            ? (CubeSum(cube, SummaryCube.Rows), $"SUM({cube.Column(SummaryCube.RowKeys)})")
            : ControlledCounts.OverFacts(CountKind.Rows, null, ((TableScope)_level.Scope).RootAlias);
        var listing = counts.Count == 0 ? (Count: _level.AddColumn(rowCount), Key: _level.AddColumn(rowKeys)) : default;
        var keyColumns = counts.Select(c => _level.AddColumn(c.KeySum)).ToList();
        var derived = Wrap();
        var release = _controlled!.Release;
        var listed = new List<string>();
        for (var i = 0; i < counts.Count; i++)
        {
            var (count, key) = (derived.Column($"c{counts[i].Output}"), derived.Column(keyColumns[i]));
            var released = release.Released(count, key);
            _level.Columns[counts[i].Output] = $"{released} AS c{counts[i].Output}";
            _outputs[counts[i].Output] = _outputs[counts[i].Output] with { Sql = released };
            listed.Add(release.Listed(count, key));
        }

        if (counts.Count == 0)
        {
            listed.Add(release.Listed(derived.Column(listing.Count), derived.Column(listing.Key)));
        }

        if (_outputs.Any(o => o.Group))
        {
            _level.Where.Add($"({string.Join(" OR ", listed)})");
        }

        _level.Grouped = true;
        _released = true;
    }

    /// <summary>
    /// A controlled caller's aggregate: the exact count, released later (<see cref="Release"/>) with the sum of its
    /// contributors' record keys; typed as the unrestricted aggregate is, and nullable, for a withheld count is null.
    /// </summary>
    private (string Sql, IEdmTypeReference Type, string Alias) Counted(
        AggregateExpressionBase aggregate, ExpressionTranslator translate, List<(int Output, string KeySum)> keySums, int output)
    {
        var (kind, property) = ControlledCounts.Classify(aggregate);
        var (count, keySum) = _level.Scope switch
        {
            CubeScope cube when kind != CountKind.People => (CubeSum(cube, kind == CountKind.Rows ? SummaryCube.Rows : property!.Property.Name),
                $"SUM({cube.Column(kind == CountKind.Rows ? SummaryCube.RowKeys : SummaryCube.KeysOf(property!.Property.Name))})"),
            CubeScope => throw new NotCoveredException("distinct people"),
            var facts => ControlledCounts.OverFacts(kind, property is null ? null : translate.Value(property).Sql, ((TableScope)facts).RootAlias),
        };
        keySums.Add((output, keySum));
        var type = aggregate is AggregateExpression { Method: AggregationMethod.Sum } ? EdmCoreModel.Instance.GetInt64(true) : EdmCoreModel.Instance.GetDecimal(0, 0, true);
        return (count, type, aggregate.Alias);
    }

    private (string Sql, IEdmTypeReference Type, string Alias) Aggregate(AggregateExpressionBase expression, ExpressionTranslator translate)
    {
        if (expression is not AggregateExpression aggregate)
        {
            throw QueryException.NotSupported("Aggregating over a navigation's collection is not supported: the feed's navigations are single-valued.");
        }

        var core = EdmCoreModel.Instance;
        if (_level.Scope is CubeScope cube)
        {
            return FromCube(cube, aggregate);
        }

        if (aggregate.Method == AggregationMethod.VirtualPropertyCount)
        {
            // Data Aggregation 3.1.3.6: $count is an Edm.Decimal with scale 0.
            return ("COUNT(*)", core.GetDecimal(0, 0, false), aggregate.Alias);
        }

        var value = translate.Value(aggregate.Expression);
        var type = value.Type ?? throw QueryException.Invalid($"Cannot aggregate null as '{aggregate.Alias}'.");
        var numeric = type.IsIntegral() || type.IsFloating() || type.IsDecimal();
        return aggregate.Method switch
        {
            AggregationMethod.Sum when !numeric => throw QueryException.Invalid($"sum applies to numbers; '{aggregate.Alias}' sums a {type.FullName()}."),
            // 3.1.3.1: a type able to hold the sum: a 64-bit integer for whole numbers, a double otherwise.
            AggregationMethod.Sum => ($"SUM({value.Sql})", type.IsIntegral() ? core.GetInt64(true) : core.GetDouble(true), aggregate.Alias),
            AggregationMethod.Average when !numeric => throw QueryException.Invalid($"average applies to numbers; '{aggregate.Alias}' averages a {type.FullName()}."),
            AggregationMethod.Average => (_dialect.Average(value.Sql), core.GetDouble(true), aggregate.Alias),
            AggregationMethod.Min => ($"MIN({value.Sql})", type.Definition.ToTypeReference(true), aggregate.Alias),
            AggregationMethod.Max => ($"MAX({value.Sql})", type.Definition.ToTypeReference(true), aggregate.Alias),
            AggregationMethod.CountDistinct => ($"COUNT(DISTINCT {value.Sql})", core.GetDecimal(0, 0, false), aggregate.Alias),
            _ => throw QueryException.NotSupported($"The aggregation method of '{aggregate.Alias}' is not supported: use sum, average, min, max, countdistinct or $count."),
        };
    }

    /// <summary>
    /// An aggregate over a summary cube's rows: a count of rows is the sum of their counts, a sum of a property the sum
    /// of its sums (typed as over the facts). Anything else (averages, extremes, distinct counts) needs the facts.
    /// </summary>
    private static (string Sql, IEdmTypeReference Type, string Alias) FromCube(CubeScope cube, AggregateExpression aggregate)
    {
        if (aggregate.Method == AggregationMethod.VirtualPropertyCount)
        {
            return (CubeSum(cube, SummaryCube.Rows), EdmCoreModel.Instance.GetDecimal(0, 0, false), aggregate.Alias);
        }

        if (aggregate is { Method: AggregationMethod.Sum, Expression: SingleValuePropertyAccessNode { Source: ResourceRangeVariableReferenceNode } property }
            && cube.Keeps(property.Property.Name))
        {
            return (CubeSum(cube, property.Property.Name), EdmCoreModel.Instance.GetInt64(true), aggregate.Alias);
        }

        throw new NotCoveredException(aggregate.Alias);
    }

    /// <summary>The sum of a cube's measure, as a whole number on both providers (PostgreSQL sums a bigint as numeric).</summary>
    private static string CubeSum(CubeScope cube, string measure) => $"CAST(SUM({cube.Column(measure)}) AS BIGINT)";

    /// <summary>Data Aggregation 3.1.1: an alias must differ from the input's declared properties and from other aliases.</summary>
    private void CheckAlias(string alias)
    {
        if (_set.EntityType.FindProperty(alias) is not null)
        {
            throw QueryException.Invalid(
                $"The alias '{alias}' is the name of a property of {_set.EntityType.Name}; Data Aggregation requires aliases to differ from them (clients would read it as that property). Choose another, such as '{alias}Total'.");
        }

        if (_level.Scope.HasName(alias))
        {
            throw QueryException.Invalid($"The alias '{alias}' is used twice; each computed value needs its own.");
        }
    }

    /// <summary>Makes the grouped statement so far a subquery that the next step reads.</summary>
    private DerivedScope Wrap()
    {
        var derived = new DerivedScope($"({_level.Sql(_dialect, withOrder: _level.IsPaged)})", _aliases.Subquery());
        var outputs = new List<Output>();
        for (var i = 0; i < _outputs.Count; i++)
        {
            var output = _outputs[i];
            if (output.Dynamic)
            {
                derived.Name(output.Path[0], new SqlValue(derived.Column($"c{i}"), output.Type));
            }
            else
            {
                derived.AddPath(output.Path, $"c{i}", output.Type);
            }

            outputs.Add(output with { Sql = derived.Column($"c{i}") });
        }

        _level = new SelectStatement(derived);
        foreach (var output in outputs)
        {
            _level.AddColumn(output.Sql);
        }

        _outputs = outputs;
        return derived;
    }

    /// <summary>The result's columns by the names the statement gives them (for ORDER BY).</summary>
    private DerivedScope OutputScope()
    {
        var scope = new DerivedScope("", null);
        for (var i = 0; i < _outputs.Count; i++)
        {
            if (_outputs[i].Dynamic)
            {
                scope.Name(_outputs[i].Path[0], new SqlValue($"c{i}", _outputs[i].Type));
            }
            else
            {
                scope.AddPath(_outputs[i].Path, $"c{i}", _outputs[i].Type);
            }
        }

        return scope;
    }

    private ExpressionTranslator Translator() => new(_dialect, _parameters, _level.Scope);

    private static List<(string[] Path, SingleValueNode Node)> Leaves(IEnumerable<GroupByPropertyNode> nodes, string[] prefix) =>
        nodes.SelectMany(node => node.Expression is not null
            ? [([.. prefix, node.Name], node.Expression)]
            : Leaves(node.ChildTransformations, [.. prefix, node.Name])).ToList();

    /// <summary>Whether a grouped property is declared non-null in its own table (so null means its navigation was absent).</summary>
    private static bool Required(SingleValueNode node) =>
        node is SingleValuePropertyAccessNode { Source: SingleNavigationNode } property && !property.Property.Type.IsNullable;

    /// <param name="Sql">The column's expression in the statement that computes it.</param>
    private sealed record Output(string[] Path, string Sql, IEdmTypeReference Type, bool Group, bool Dynamic, bool Required);
}
