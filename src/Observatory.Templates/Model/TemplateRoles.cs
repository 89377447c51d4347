using Observatory.Indicators.Catalogue;
using static Observatory.Templates.Dax.DaxConditions;
using Observatory.Warehouse.Reference;

namespace Observatory.Templates.Model;

/// <summary>
/// Row-level security roles matching the service's scopes, for a model published to the Power BI service: one per
/// borough (the scope <c>borough:NAME</c>, role "Borough - NAME") and one per provider (<c>provider:CODE</c>, "Provider - CODE"), each seeing the rows the feed gives a
/// caller with that scope. Where the model cannot draw the feed's line it shows less, never more: a borough role
/// sees no programme outcomes (the feed reaches their borough through the referral, which the model does not
/// import), and a provider role no health checks (GP practices record them, not a provider).
/// </summary>
public static class TemplateRoles
{
    public static IReadOnlyList<ModelRole> For(ReferenceData reference, IndicatorCatalogue catalogue, IReadOnlyList<ModelTable> tables)
    {
        var present = tables.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var roles = new List<ModelRole>();
        foreach (var borough in reference.Areas.Select(a => a.Borough).Distinct().Order(StringComparer.Ordinal))
        {
            roles.Add(new ModelRole($"Borough - {borough}", $"Rows of {borough} only, as the feed gives a caller with the scope borough:{borough}.",
                Present([
                    ("Areas", $"[Borough] = {Text(borough)}"),
                    ("IndicatorValues", $"[Area] = {Text(borough)}"),
                    ("ProgrammeOutcomes", "FALSE ()"),
                ])));
        }

        var indicatorServices = IndicatorServices.Of(catalogue);
        foreach (var provider in reference.Providers.OrderBy(p => p.Code, StringComparer.Ordinal))
        {
            var services = reference.Services.Where(s => s.ProviderKey == provider.ProviderKey).Select(s => s.Code).Order(StringComparer.Ordinal).ToList();
            var indicators = indicatorServices.Where(i => services.Contains(i.Value)).Select(i => i.Key).Order(StringComparer.Ordinal).ToList();
            var values = (indicators.Count, services.Count) switch
            {
                (0, 0) => "FALSE ()",
                (_, 0) => $"[IndicatorId] IN {Set(indicators)}",
                (0, _) => $"[Breakdown] = \"service\" && [GroupCode] IN {Set(services)}",
                _ => $"[IndicatorId] IN {Set(indicators)} || ( [Breakdown] = \"service\" && [GroupCode] IN {Set(services)} )",
            };
            roles.Add(new ModelRole($"Provider - {provider.Code}", $"Rows of {provider.Name}'s services only, as the feed gives a caller with the scope provider:{provider.Code}.",
                Present([
                    ("Providers", $"[Code] = {Text(provider.Code)}"),
                    ("IndicatorValues", values),
                    ("HealthChecks", "FALSE ()"),
                ])));
        }

        return roles;

        IReadOnlyList<(string, string)> Present(IEnumerable<(string Table, string Filter)> filters) => [.. filters.Where(f => present.Contains(f.Table))];
    }

    private static string Set(IEnumerable<string> values) => "{ " + string.Join(", ", values.Select(Text)) + " }";
}
