using System.Linq.Expressions;
using Microsoft.OData.UriParser;

namespace Observatory.Api.Feed.Reading;

/// <summary>Property paths in parsed OData expressions: their names, and member access on an entity parameter.</summary>
public static class NodePaths
{
    /// <summary>The names along a property path, e.g. ["Ethnicity", "BroadGroup"]; null if the node is not a plain path.</summary>
    public static IReadOnlyList<string>? Names(QueryNode node) => node switch
    {
        SingleValuePropertyAccessNode property => Append(Names(property.Source), property.Property.Name),
        SingleValueOpenPropertyAccessNode open => Append(Names(open.Source), open.Name),
        SingleNavigationNode navigation => Append(Names(navigation.Source), navigation.NavigationProperty.Name),
        SingleComplexNode complex => Append(Names(complex.Source), complex.Property.Name),
        ConvertNode convert => Names(convert.Source),
        ResourceRangeVariableReferenceNode or NonResourceRangeVariableReferenceNode => [],
        null => [],
        _ => null,
    };

    /// <summary>Member access along the path from <paramref name="row"/> (navigations become joins in SQL).</summary>
    public static Expression? Bind(QueryNode node, Expression row)
    {
        var names = Names(node);
        if (names is null || names.Count == 0)
        {
            return null;
        }

        var expression = row;
        foreach (var name in names)
        {
            var property = expression.Type.GetProperty(name);
            if (property is null)
            {
                return null;
            }

            expression = Expression.Property(expression, property);
        }

        return expression;
    }

    private static IReadOnlyList<string>? Append(IReadOnlyList<string>? path, string name) => path is null ? null : [.. path, name];
}
