using Microsoft.OData.Edm;

namespace Observatory.Tests.Templates;

/// <summary>
/// What of a semantic model's TMDL the feed's <c>$metadata</c> does not have: a table with no entity set of its
/// name, a column with no property, a data type other than the one Power Query gives the property, and a
/// relationship that no navigation property's keys describe. Each problem names the file and line.
/// </summary>
public static class TmdlMetadataChecks
{
    public static IReadOnlyList<string> Problems(TmdlDocument model, IEdmModel metadata)
    {
        var problems = new List<string>();
        foreach (var table in model.Roots.Where(o => o.Type == "table"))
        {
            var set = metadata.EntityContainer.FindEntitySet(table.Name);
            if (set is null)
            {
                problems.Add($"{table.Location}: table {table.Name} is not an entity set of $metadata.");
                continue;
            }

            foreach (var column in table.ChildrenOfType("column"))
            {
                var property = set.EntityType.FindProperty(column.Name) as IEdmStructuralProperty;
                var source = column.Property("sourceColumn");
                if (property is null || source != column.Name)
                {
                    problems.Add($"{column.Location}: column {table.Name}[{column.Name}] (source {source}) is not a property of {set.EntityType.Name}.");
                }
                else if (DataType(property.Type) != column.Property("dataType"))
                {
                    problems.Add($"{column.Location}: column {table.Name}[{column.Name}] is {column.Property("dataType")}, but the feed's {property.Type.FullName()} arrives as {DataType(property.Type)}.");
                }
            }
        }

        foreach (var relationship in model.Roots.Where(o => o.Type == "relationship"))
        {
            var (from, to) = (Column(relationship, "fromColumn"), Column(relationship, "toColumn"));
            var navigations = metadata.EntityContainer.FindEntitySet(from.Table) is { } set
                ? set.EntityType.NavigationProperties().Where(n => set.FindNavigationTarget(n).Name == to.Table)
                : [];
            if (!navigations.Any(n => n.DependentProperties()?.Select(p => p.Name).SequenceEqual([from.Column]) == true
                                      && n.PrincipalProperties()?.Select(p => p.Name).SequenceEqual([to.Column]) == true))
            {
                problems.Add($"{relationship.Location}: relationship {from.Table}.{from.Column} to {to.Table}.{to.Column} is not a navigation of $metadata.");
            }
        }

        return problems;
    }

    /// <summary>The type Power Query's OData reader gives a property, as TMDL names it.</summary>
    public static string DataType(IEdmTypeReference type) => type.PrimitiveKind() switch
    {
        EdmPrimitiveTypeKind.Int16 or EdmPrimitiveTypeKind.Int32 or EdmPrimitiveTypeKind.Int64 or EdmPrimitiveTypeKind.Byte => "int64",
        EdmPrimitiveTypeKind.Double or EdmPrimitiveTypeKind.Single => "double",
        EdmPrimitiveTypeKind.Decimal => "decimal",
        EdmPrimitiveTypeKind.Boolean => "boolean",
        EdmPrimitiveTypeKind.String => "string",
        EdmPrimitiveTypeKind.Date or EdmPrimitiveTypeKind.DateTimeOffset => "dateTime",
        var kind => $"(no Power BI type for {kind})",
    };

    private static (string Table, string Column) Column(TmdlObject relationship, string property) =>
        TmdlNames.ReadReference(relationship.Property(property) ?? "", relationship.File, relationship.Line) is [var table, var column] ? (table, column) : ("", "");
}
