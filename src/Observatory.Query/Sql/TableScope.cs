using Microsoft.OData.Edm;
using Observatory.Warehouse.Providers;

namespace Observatory.Query.Sql;

/// <summary>
/// Rows of an entity set, read from its table (or from a subquery that stands in for it with the same columns),
/// with the dimensions its navigations reach joined on first use, once each: an inner join where the foreign key is
/// required (every row has its dimension), a left join where it is optional (a referral not yet ended has no end date).
/// </summary>
internal sealed class TableScope : QueryScope
{
    private readonly Aliases _aliases;
    private readonly string _source;
    private readonly Dictionary<string, Joined> _joins = new(StringComparer.Ordinal);
    private readonly List<string> _clauses = [];

    public TableScope(IEdmEntitySet set, string source, Aliases aliases)
    {
        Set = set;
        _source = source;
        _aliases = aliases;
        Root = new Joined(aliases.Table(), set.EntityType, Optional: false);
    }

    public IEdmEntitySet Set { get; }

    public IEdmEntityType Type => Set.EntityType;

    public string RootAlias => Root.Alias;

    private Joined Root { get; }

    public override string From => $"{_source} AS {Root.Alias}{string.Concat(_clauses)}";

    public override SqlValue Property(IReadOnlyList<string> navigations, string name)
    {
        var joined = Join(navigations);
        if (joined.Type.FindProperty(name) is not IEdmStructuralProperty property)
        {
            throw QueryException.Invalid($"{joined.Type.Name} has no property '{name}'.");
        }

        return new SqlValue($"{joined.Alias}.{SqlDialect.Quote(property.Name)}", Nullable(property.Type, joined.Optional));
    }

    /// <summary>The alias and type of the entity at the end of a navigation path, joining what is not joined yet.</summary>
    public (string Alias, IEdmEntityType Type, bool Optional) Entity(IReadOnlyList<string> navigations)
    {
        var joined = Join(navigations);
        return (joined.Alias, joined.Type, joined.Optional);
    }

    private Joined Join(IReadOnlyList<string> navigations)
    {
        var current = Root;
        for (var depth = 0; depth < navigations.Count; depth++)
        {
            var key = string.Join('/', navigations.Take(depth + 1));
            if (!_joins.TryGetValue(key, out var next))
            {
                var navigation = current.Type.FindProperty(navigations[depth]) as IEdmNavigationProperty
                                 ?? throw QueryException.Invalid($"{current.Type.Name} has no navigation property '{navigations[depth]}'.");
                if (navigation.Type.IsCollection() || navigation.ReferentialConstraint is null)
                {
                    throw QueryException.NotSupported($"'{navigation.Name}' cannot be followed in a query.");
                }

                var optional = current.Optional || navigation.Type.IsNullable;
                var target = navigation.ToEntityType();
                next = new Joined(_aliases.Table(), target, optional);
                var on = string.Join(" AND ", navigation.ReferentialConstraint.PropertyPairs.Select(pair =>
                    $"{next.Alias}.{SqlDialect.Quote(pair.PrincipalProperty.Name)} = {current.Alias}.{SqlDialect.Quote(pair.DependentProperty.Name)}"));
                _clauses.Add($" {(navigation.Type.IsNullable || current.Optional ? "LEFT JOIN" : "JOIN")} {SqlDialect.Quote(TableOf(target))} AS {next.Alias} ON {on}");
                _joins[key] = next;
            }

            current = next;
        }

        return current;
    }

    private string TableOf(IEdmEntityType type) =>
        Set.Container.EntitySets().Single(s => s.EntityType == type).Name;

    private sealed record Joined(string Alias, IEdmEntityType Type, bool Optional);
}
