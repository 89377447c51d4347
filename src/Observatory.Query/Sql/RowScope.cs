using Microsoft.OData.Edm;
using Observatory.Warehouse.Providers;

namespace Observatory.Query.Sql;

/// <summary>
/// The rows of one table under an alias, joined to nothing: the facts as <c>f</c> in the indicator engine's scans
/// (which read the fact table alone), or a dimension as <c>d</c> in a query of the keys that meet a condition, where
/// the condition reaches the dimension through the facts' <paramref name="navigation"/>. A row a navigation leads to
/// is read by a subquery of the one row its key names (null when there is none, as in OData), and a navigation of
/// that row by a subquery within it, as deep as the path goes (<c>Service/Provider/Code</c>).
/// </summary>
internal sealed class RowScope(IEdmEntitySet set, string alias, string? navigation = null) : QueryScope
{
    public override string From => $"{SqlDialect.Quote(set.Name)} AS {alias}";

    public override SqlValue Property(IReadOnlyList<string> navigations, string name)
    {
        if (navigation is null)
        {
            return Along(set, alias, navigations, name, depth: 1);
        }

        // A dimension's own rows are what the facts' navigation to it reads; anything further is read from them.
        return navigations.Count > 0 && navigations[0] == navigation
            ? Along(set, alias, navigations.Skip(1).ToList(), name, depth: 1)
            : throw QueryException.NotSupported($"A condition on {navigation} reads {navigation} and what it leads to, nothing else.");
    }

    /// <summary>The set a navigation of <paramref name="facts"/> leads to, its key and the facts' column that holds it.</summary>
    public static (IEdmEntitySet Set, string Key, string ForeignKey) Dimension(IEdmEntitySet facts, string navigationName)
    {
        var navigation = facts.EntityType.FindProperty(navigationName) as IEdmNavigationProperty
                         ?? throw QueryException.Invalid($"{facts.Name} have no navigation property '{navigationName}'.");
        if (navigation.ReferentialConstraint?.PropertyPairs.ToList() is not [var pair])
        {
            throw QueryException.NotSupported($"'{navigationName}' has no single-column key, which conditions cannot follow.");
        }

        var target = facts.Container.EntitySets().Single(s => s.EntityType == navigation.ToEntityType());
        return (target, pair.PrincipalProperty.Name, pair.DependentProperty.Name);
    }

    /// <summary>A property at the end of <paramref name="path"/> from the rows <paramref name="from"/> under <paramref name="fromAlias"/>.</summary>
    private SqlValue Along(IEdmEntitySet from, string fromAlias, IReadOnlyList<string> path, string name, int depth)
    {
        if (path.Count == 0)
        {
            return Column(from.EntityType, fromAlias, name);
        }

        var (target, principal, dependent) = Dimension(from, path[0]);
        // The facts' dimension is 'd'; rows further along, and those a dimension's scope reaches, are numbered.
        var targetAlias = depth == 1 && alias != "d" ? "d" : $"d{depth}";
        var value = Along(target, targetAlias, path.Skip(1).ToList(), name, depth + 1);
        return new SqlValue(
            $"(SELECT {value.Sql} FROM {SqlDialect.Quote(target.Name)} AS {targetAlias} WHERE {targetAlias}.{SqlDialect.Quote(principal)} = {fromAlias}.{SqlDialect.Quote(dependent)})",
            Nullable(value.Type!, nullable: true));
    }

    private static SqlValue Column(IEdmEntityType type, string alias, string name) =>
        type.FindProperty(name) is IEdmStructuralProperty property
            ? new SqlValue($"{alias}.{SqlDialect.Quote(property.Name)}", property.Type)
            : throw QueryException.Invalid($"{type.Name} has no property '{name}'.");
}
