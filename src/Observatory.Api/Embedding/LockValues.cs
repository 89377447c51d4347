using Observatory.Api.Startup;
using Observatory.Warehouse.Providers;

namespace Observatory.Api.Embedding;

/// <summary>
/// The values each filter may be locked to, read from the warehouse's dimensions once per load (a load may bring a new
/// service or age band): boroughs, service codes (with the provider running each, and both their keys, by which a
/// condition can name them too: <see cref="Security.ScopeLimits"/>), age bands, genders, and the IMD quintiles 1 to 5.
/// </summary>
public sealed class LockValues(WarehouseDatabase database, CurrentLoad current)
{
    private static readonly SqlStatement Boroughs = new("SELECT DISTINCT \"Borough\" FROM \"Areas\" ORDER BY 1", []);
    private static readonly SqlStatement Services = new(
        "SELECT s.\"Code\", p.\"Code\", s.\"ServiceKey\", p.\"ProviderKey\" FROM \"Services\" s JOIN \"Providers\" p ON p.\"ProviderKey\" = s.\"ProviderKey\" ORDER BY s.\"Code\"", []);
    private static readonly SqlStatement AgeBands = new("SELECT \"Name\" FROM \"AgeBands\" ORDER BY \"SortOrder\", \"Name\"", []);
    private static readonly SqlStatement Genders = new("SELECT \"Name\" FROM \"Genders\" ORDER BY \"SortOrder\", \"Name\"", []);

    private volatile Known? _known;

    /// <summary>One load's values.</summary>
    /// <param name="ServiceProviders">Each service's code, with the code of the provider that runs it, and their keys.</param>
    public sealed record Known(int? LoadId, IReadOnlyList<string> Boroughs, IReadOnlyList<(string Service, string Provider, long ServiceKey, long ProviderKey)> ServiceProviders,
        IReadOnlyList<string> AgeBands, IReadOnlyList<string> Genders)
    {
        public IReadOnlyList<string> For(string key) => key switch
        {
            LockedFilters.Borough => Boroughs,
            LockedFilters.Service => [.. ServiceProviders.Select(s => s.Service)],
            LockedFilters.AgeBand => AgeBands,
            LockedFilters.Gender => Genders,
            LockedFilters.ImdQuintile => ["1", "2", "3", "4", "5"],
            _ => [],
        };

        /// <summary>The services a provider runs, in code order.</summary>
        public IReadOnlyList<string> ServicesOf(string provider) =>
            [.. ServiceProviders.Where(s => string.Equals(s.Provider, provider, StringComparison.OrdinalIgnoreCase)).Select(s => s.Service)];
    }

    public async Task<Known> GetAsync(CancellationToken cancellationToken)
    {
        var load = (await current.GetAsync(cancellationToken)).LoadId;
        if (_known is { } known && known.LoadId == load)
        {
            return known;
        }

        await using var connection = await database.OpenForReadingAsync(cancellationToken);
        var services = new List<(string, string, long, long)>();
        await using (var rows = await database.ReadAsync(connection, Services, cancellationToken))
        {
            while (await rows.ReadAsync())
            {
                services.Add((rows.GetString(0), rows.GetString(1), rows.GetInt64(2), rows.GetInt64(3)));
            }
        }

        return _known = new Known(load, await TextAsync(connection, Boroughs, cancellationToken), services,
            await TextAsync(connection, AgeBands, cancellationToken), await TextAsync(connection, Genders, cancellationToken));
    }

    private async Task<IReadOnlyList<string>> TextAsync(System.Data.Common.DbConnection connection, SqlStatement statement, CancellationToken cancellationToken)
    {
        await using var rows = await database.ReadAsync(connection, statement, cancellationToken);
        var values = new List<string>();
        while (await rows.ReadAsync())
        {
            values.Add(rows.GetString(0));
        }

        return values;
    }
}
