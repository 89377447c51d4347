using Microsoft.OData.UriParser;
using Observatory.Query.Model;

namespace Observatory.Indicators.Catalogue;

/// <summary>
/// The service each indicator counts, where its definition counts one service's rows only
/// (<c>Service/Code eq 'TT' and ...</c>): what a provider's scope reaches of the published values.
/// </summary>
public static class IndicatorServices
{
    /// <returns>Indicator id to service code, for the indicators pinned to one service.</returns>
    public static IReadOnlyDictionary<string, string> Of(IndicatorCatalogue catalogue)
    {
        var model = WarehouseEdm.Instance;
        var services = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var indicator in catalogue.Indicators.Where(i => i.Filter is not null))
        {
            var set = model.EntityContainer.FindEntitySet(indicator.Facts);
            var filter = new ODataQueryOptionParser(model, set.EntityType, set, new Dictionary<string, string> { ["$filter"] = indicator.Filter! }).ParseFilter();
            if (PinnedService(filter.Expression) is { } service)
            {
                services[indicator.Id] = service;
            }
        }

        return services;
    }

    private static string? PinnedService(QueryNode node) => node switch
    {
        BinaryOperatorNode { OperatorKind: BinaryOperatorKind.And } and => PinnedService(and.Left) ?? PinnedService(and.Right),
        BinaryOperatorNode { OperatorKind: BinaryOperatorKind.Equal, Left: var left, Right: var right }
            when Unwrap(left) is SingleValuePropertyAccessNode { Property.Name: "Code", Source: SingleNavigationNode { NavigationProperty.Name: "Service" } }
                 && Unwrap(right) is ConstantNode { Value: string code } => code,
        _ => null,
    };

    private static QueryNode Unwrap(QueryNode node) => node is ConvertNode convert ? Unwrap(convert.Source) : node;
}
