using System.Globalization;
using Observatory.Access.Roles;
using Observatory.Api.Embedding;

namespace Observatory.Api.Security;

/// <summary>A property a caller's rows are limited on, and the values inside the limit.</summary>
/// <param name="Path">The property, as a condition names it (<c>Area/Borough</c>).</param>
/// <param name="Allowed">The values inside the limit, as text, in the warehouse's spelling.</param>
/// <param name="Owner">Who set the limit, for messages: "You are limited to borough:Hackney".</param>
/// <param name="Numeric">Whether the values are numbers (keys, the IMD quintile), written without quotes.</param>
public sealed record ScopeLimit(string Path, IReadOnlyList<string> Allowed, string Owner, bool Numeric = false);

/// <summary>
/// The limits on a set's rows that a condition could name a value outside of: a borough scope's borough, a provider
/// scope's provider (by its code or key, and by its services' codes and keys), and an embed token's locked filters.
/// They are the limits <see cref="ScopedRows"/> and <see cref="LockedRows"/> put in the SQL, read by the same paths
/// (<see cref="ScopePaths"/>, <see cref="LockedFilters"/>).
/// </summary>
public sealed class ScopeLimits(LockValues values)
{
    /// <returns>The limits on <paramref name="set"/>'s rows; none for a caller without a scope or lock, and for the dimensions.</returns>
    public async Task<IReadOnlyList<ScopeLimit>> ForAsync(Caller caller, string set, CancellationToken cancellationToken)
    {
        List<ScopeLimit> limits = [];
        switch (caller.Scope)
        {
            case { Kind: ScopeKind.Borough } borough when ScopePaths.Borough(set) is { } path:
                limits.Add(new ScopeLimit(path, [borough.Value], $"You are limited to {borough}"));
                break;
            case { Kind: ScopeKind.Provider } provider when ScopePaths.RecordsService(set):
                var runs = (await values.GetAsync(cancellationToken)).ServiceProviders.Where(s => s.Provider == provider.Value).ToList();
                var owner = $"You are limited to {provider}";
                limits.Add(new ScopeLimit(ScopePaths.ProviderCode, [provider.Value], owner));
                // A provider that runs no service has no key the warehouse knows: every key named is outside.
                var key = runs.Select(s => Number(s.ProviderKey)).Distinct().ToList();
                limits.Add(new ScopeLimit("Service/ProviderKey", key, owner, Numeric: true));
                limits.Add(new ScopeLimit("Service/Provider/ProviderKey", key, owner, Numeric: true));
                limits.AddRange(Services(runs, owner));
                break;
        }

        foreach (var (lockKey, locked) in caller.Embed?.Locks ?? new Dictionary<string, IReadOnlyList<string>>())
        {
            var owner = $"This embed token locks {lockKey} to {string.Join(" or ", locked.Select(v => $"'{v}'"))}";
            // Stored values record the borough only (LockedRows refuses them to any other lock).
            var path = set == "IndicatorValues" ? lockKey == LockedFilters.Borough ? ScopePaths.Borough(set) : null : LockedFilters.PathOf(set, lockKey);
            if (path is null)
            {
                continue;
            }

            if (lockKey == LockedFilters.Service)
            {
                var services = (await values.GetAsync(cancellationToken)).ServiceProviders.Where(s => locked.Contains(s.Service, StringComparer.Ordinal)).ToList();
                limits.AddRange(Services(services, owner));
            }
            else
            {
                limits.Add(new ScopeLimit(path, locked, owner, Numeric: lockKey == LockedFilters.ImdQuintile));
            }
        }

        return limits;
    }

    /// <summary>Services named by code (<see cref="LockedFilters"/>' path) or by the fact's key to them.</summary>
    private static IEnumerable<ScopeLimit> Services(IReadOnlyList<(string Service, string Provider, long ServiceKey, long ProviderKey)> services, string owner) =>
    [
        new ScopeLimit("Service/Code", [.. services.Select(s => s.Service)], owner),
        new ScopeLimit("ServiceKey", [.. services.Select(s => Number(s.ServiceKey))], owner, Numeric: true),
        new ScopeLimit("Service/ServiceKey", [.. services.Select(s => Number(s.ServiceKey))], owner, Numeric: true),
    ];

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
