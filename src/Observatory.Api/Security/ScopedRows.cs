using Microsoft.OData.Edm;
using Observatory.Access.Roles;
using Observatory.Api.Embedding;
using Observatory.Api.Feed.Parsing;
using Observatory.Api.Feed.Rows;
using Observatory.Indicators.Catalogue;

namespace Observatory.Api.Security;

/// <summary>
/// The rows a caller sees: indicator values at the caller's disclosure level, and, for a caller limited to a scope,
/// only that scope's rows of every set that holds rows about people or services. A borough scope keeps the rows of
/// that borough's residents (and the values computed for the borough); a provider scope keeps the rows of the
/// services the provider runs (and the values of the indicators about those services). Dimensions are never limited.
/// An embedded dashboard's caller has no scope of its own (its token's locks were kept inside its minter's): its
/// token's grant narrows the rows instead (<see cref="LockedRows"/>).
/// </summary>
public sealed class ScopedRows(IDisclosurePolicy disclosure, LockValues values, IndicatorCatalogue catalogue, LockedRows locked) : IRowPolicy
{
    private readonly Lazy<IReadOnlyDictionary<string, string>> _indicatorServices = new(() => Indicators.Catalogue.IndicatorServices.Of(catalogue));

    public async ValueTask<string?> ConditionForAsync(HttpContext caller, IEdmEntitySet entitySet, CancellationToken cancellationToken)
    {
        List<string> conditions = [];
        if (entitySet.Name == nameof(Warehouse.Infrastructure.WarehouseContext.IndicatorValues))
        {
            conditions.Add($"Disclosure eq '{disclosure.LevelFor(caller)}'");
        }

        if (Caller.Of(caller)?.Scope is { } scope && SetAccess.KindOf(entitySet.Name) != SetKind.Dimension)
        {
            var limit = scope.Kind == ScopeKind.Borough ? BoroughCondition(entitySet.Name, Literal(scope.Value)) : await ProviderConditionAsync(entitySet.Name, scope.Value, cancellationToken);
            if (limit is not null)
            {
                conditions.Add(limit);
            }
        }

        if (Caller.Of(caller)?.Embed is { } grant && locked.ConditionFor(grant, entitySet.Name) is { } locks)
        {
            conditions.Add(locks);
        }

        return conditions.Count switch
        {
            0 => null,
            1 => conditions[0],
            _ => string.Join(" and ", conditions.Select(c => $"({c})")),
        };
    }

    private static string? BoroughCondition(string set, string borough) => set switch
    {
        "Indicators" => null,
        _ => ScopePaths.Borough(set) is { } path ? $"{path} eq {borough}" : throw Unscoped(set, "borough"),
    };

    private async Task<string?> ProviderConditionAsync(string set, string provider, CancellationToken cancellationToken)
    {
        var code = Literal(provider);
        if (ScopePaths.RecordsService(set))
        {
            return $"{ScopePaths.ProviderCode} eq {code}";
        }

        switch (set)
        {
            case "Population" or "Indicators":
                // Census counts and the catalogue's definitions belong to no provider.
                return null;
            case "IndicatorValues":
                var services = await ServicesAsync(provider, cancellationToken);
                var indicators = _indicatorServices.Value.Where(i => services.Contains(i.Value)).Select(i => Literal(i.Key)).ToList();
                var mine = indicators.Count == 0 ? "false" : $"IndicatorId in ({string.Join(",", indicators)})";
                return services.Count == 0 ? mine : $"{mine} or (Breakdown eq 'service' and GroupCode in ({string.Join(",", services.Select(Literal))}))";
            case "HealthChecks" or "YearlyHealthChecks":
                throw new FeedRequestException(StatusCodes.Status403Forbidden, "Forbidden",
                    $"{set} are recorded by GP practices, not by a provider's service: a caller limited to provider:{provider} cannot read them.");
            default:
                throw Unscoped(set, "provider");
        }
    }

    // The services the provider runs in this load (the scope's code as written, as the facts' condition compares it).
    private async Task<IReadOnlyList<string>> ServicesAsync(string provider, CancellationToken cancellationToken) =>
        [.. (await values.GetAsync(cancellationToken)).ServiceProviders.Where(s => s.Provider == provider).Select(s => s.Service)];

    private static string Literal(string value) => $"'{value.Replace("'", "''", StringComparison.Ordinal)}'";

    private static FeedRequestException Unscoped(string set, string kind) => new(StatusCodes.Status403Forbidden, "Forbidden",
        $"{set} cannot be limited to a {kind}, so a caller with a {kind} scope cannot read it.");
}
