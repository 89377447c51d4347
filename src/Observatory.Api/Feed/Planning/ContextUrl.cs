using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;
using Observatory.Query.Results;

namespace Observatory.Api.Feed.Planning;

/// <summary>The @odata.context of responses (Protocol 10) and the canonical URLs of entities (URL Conventions 4.3.1).</summary>
public static class ContextUrl
{
    /// <summary>A collection of a set's entities, with the properties chosen when not all are: <c>#Referrals(ReferralId,Ethnicity(BroadGroup))</c>.</summary>
    public static string Collection(string root, IEdmEntitySet set, SelectExpandClause? clause) => $"{root}/$metadata#{set.Name}{Selection(clause)}";

    /// <summary>One entity: <c>#Referrals/$entity</c>.</summary>
    public static string Entity(string root, IEdmEntitySet set, SelectExpandClause? clause) => $"{root}/$metadata#{set.Name}{Selection(clause)}/$entity";

    /// <summary>The rows of a $apply, named by the grouped paths and aliases: <c>#Referrals(Ethnicity(BroadGroup),Total)</c> (Data Aggregation 3.1.1).</summary>
    public static string Aggregated(string root, IEdmEntitySet set, ResultShape shape) =>
        $"{root}/$metadata#{set.Name}({string.Join(',', Members(shape.Root))})";

    /// <summary>A property of one entity: <c>#Ethnicities(3)/Code</c>.</summary>
    public static string Property(string root, IEdmEntitySet set, object key, string property) => $"{root}/$metadata#{set.Name}({Literal(key)})/{property}";

    public static string Reference(string root) => $"{root}/$metadata#$ref";

    /// <summary>The entity's canonical URL, its id: <c>http://.../odata/Referrals(42)</c>.</summary>
    public static string Id(string root, IEdmEntitySet set, object key) => $"{root}/{set.Name}({Literal(key)})";

    public static string Literal(object key) => ODataUriUtils.ConvertToUriLiteral(key, ODataVersion.V4);

    private static IEnumerable<string> Members(ResultShape.Node node) =>
        node.Children.Select(c => c.IsObject ? $"{c.Name}({string.Join(',', Members(c))})" : c.Name);

    private static string Selection(SelectExpandClause? clause)
    {
        if (clause is null || (clause.AllSelected && !clause.SelectedItems.OfType<ExpandedNavigationSelectItem>().Any()))
        {
            return "";
        }

        var items = new List<string>();
        if (!clause.AllSelected)
        {
            items.AddRange(clause.SelectedItems.OfType<PathSelectItem>().Select(p => p.SelectedPath.FirstSegment.Identifier));
        }

        foreach (var expand in clause.SelectedItems.OfType<ExpandedNavigationSelectItem>())
        {
            var inner = Selection(expand.SelectAndExpand);
            items.Add(expand.PathToNavigationProperty.FirstSegment.Identifier + (inner.Length > 0 ? inner : "()"));
        }

        return $"({string.Join(',', items)})";
    }
}
