using Observatory.Access.Roles;
using Observatory.Api.Feed.Parsing;
using Observatory.Indicators.Disclosure;

namespace Observatory.Api.Embedding;

/// <summary>
/// The filters a token will lock, checked: each value one the warehouse holds (in its spelling), every lock inside the
/// minting caller's own scope (and the scope's lock added when the request leaves it out), and at the controlled level
/// one value per key but the borough.
/// </summary>
public static class TokenLocks
{
    /// <returns>The locks to grant.</returns>
    /// <exception cref="FeedRequestException">400 for an unknown value or a union at the controlled level; 403 for a lock outside the caller's scope.</exception>
    public static Dictionary<string, IReadOnlyList<string>> Check(
        IReadOnlyDictionary<string, IReadOnlyList<string>> requested, AccessScope? scope, string level, LockValues.Known known)
    {
        var locks = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (key, values) in requested)
        {
            var allowed = known.For(key);
            locks[key] = values.Select(v => allowed.FirstOrDefault(a => string.Equals(a, v, StringComparison.OrdinalIgnoreCase))
                    ?? throw Bad($"'{v}' is not a {key} of this warehouse: use {string.Join(", ", allowed.Select(a => $"'{a}'"))}."))
                .Distinct(StringComparer.Ordinal).ToList();
        }

        var providerServices = scope is { Kind: ScopeKind.Provider } provider ? known.ServicesOf(provider.Value) : null;
        if (scope is { Kind: ScopeKind.Borough, Value: var borough })
        {
            var own = known.Boroughs.FirstOrDefault(b => string.Equals(b, borough, StringComparison.OrdinalIgnoreCase)) ?? borough;
            if (locks.TryGetValue(LockedFilters.Borough, out var boroughs) && boroughs.Any(b => b != own))
            {
                throw Outside($"You are limited to {scope}, so the tokens you mint are too: lock borough to '{own}', or leave it out and it is locked to '{own}'.");
            }

            locks[LockedFilters.Borough] = [own];
        }
        else if (scope is { Kind: ScopeKind.Provider } && providerServices is not null)
        {
            if (providerServices.Count == 0)
            {
                throw Outside($"You are limited to {scope}, which runs no service in this warehouse: a dashboard embedded within your scope would show nothing.");
            }

            if (locks.TryGetValue(LockedFilters.Service, out var services) && services.Any(s => !providerServices.Contains(s, StringComparer.Ordinal)))
            {
                throw Outside($"You are limited to {scope}, so the tokens you mint are too: lock service to its services ({string.Join(", ", providerServices.Select(s => $"'{s}'"))}), " +
                              "or leave it out and it is locked to all of them.");
            }

            locks.TryAdd(LockedFilters.Service, providerServices);
        }

        if (level == DisclosureLevel.Controlled)
        {
            foreach (var (key, values) in locks.Where(l => l.Key != LockedFilters.Borough && l.Value.Count > 1))
            {
                // A provider-scoped minter's own services together are its provider, one category as its scope is.
                var wholeProvider = key == LockedFilters.Service && providerServices is not null && values.Order(StringComparer.Ordinal).SequenceEqual(providerServices.Order(StringComparer.Ordinal));
                if (!wholeProvider)
                {
                    throw Bad($"At the {DisclosureLevel.Controlled} level a token locks {key} to one value, not {values.Count}: figures for a union of groups, compared with " +
                              "figures for each group, would let small counts be worked out by difference past the cell-key protection (as controlled $apply refuses " +
                              $"unions, docs/disclosure.md). Mint a token per {key}, or lock borough only with several values.");
                }
            }
        }

        return locks;
    }

    private static FeedRequestException Bad(string message) => new(StatusCodes.Status400BadRequest, "BadRequest", message);

    private static FeedRequestException Outside(string message) => new(StatusCodes.Status403Forbidden, "Forbidden", message);
}
