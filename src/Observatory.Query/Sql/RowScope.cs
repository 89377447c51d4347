using Microsoft.OData.Edm;
using Observatory.Warehouse.Providers;

namespace Observatory.Query.Sql;

/// <summary>
/// The rows of one table under an alias, joined to nothing: the facts as <c>f</c> in the indicator engine's scans
/// (which read the fact table alone), or a dimension as <c>d</c> in a query of the keys that meet a condition, where
/// the condition reaches the dimension through the facts' <paramref name="navigation"/>. A dimension read beside
/// the facts' own columns is read by a subquery of the one row its key names (null when there is none, as in OData).
/// </summary>
internal sealed class RowScope(IEdmEntitySet set, string alias, string? navigation = null) : QueryScope
{
    public override string From => $"{SqlDialect.Quote(set.Name)} AS {alias}";

    public override SqlValue Property(IReadOnlyList<string> navigations, string name)
    {
        if ((navigations.Count == 0 && navigation is null) || (navigations.Count == 1 && navigations[0] == navigation))
        {
            return Column(set.EntityType, alias, name);
        }

        if (navigations.Count != 1 || navigation is not null)
        {
            throw QueryException.NotSupported("Conditions may read the facts and their dimensions, one navigation deep.");
        }

        var (dimension, principal, dependent) = Dimension(set, navigations[0]);
        var value = Column(dimension.EntityType, "d", name);
        return new SqlValue(
            $"(SELECT {value.Sql} FROM {SqlDialect.Quote(dimension.Name)} AS d WHERE d.{SqlDialect.Quote(principal)} = {alias}.{SqlDialect.Quote(dependent)})",
            Nullable(value.Type!, nullable: true));
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

    private static SqlValue Column(IEdmEntityType type, string alias, string name) =>
        type.FindProperty(name) is IEdmStructuralProperty property
            ? new SqlValue($"{alias}.{SqlDialect.Quote(property.Name)}", property.Type)
            : throw QueryException.Invalid($"{type.Name} has no property '{name}'.");
}
