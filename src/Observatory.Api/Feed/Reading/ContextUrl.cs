using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.OData.UriParser;

namespace Observatory.Api.Feed.Reading;

/// <summary>The @odata.context of a response: the set, and the properties chosen when not all are.</summary>
public static class ContextUrl
{
    public static string For(HttpRequest request, string set, SelectExpandClause? clause) =>
        $"{Metadata(request)}#{set}{Selection(clause)}";

    public static string For(HttpRequest request, string set, IEnumerable<string> properties) =>
        $"{Metadata(request)}#{set}({string.Join(',', properties)})";

    public static string Metadata(HttpRequest request) =>
        UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, $"/{FeedModel.RoutePrefix}/$metadata");

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
