using Observatory.Access.Keys;
using Observatory.Access.Roles;
using Observatory.Access.Store;
using Observatory.Warehouse;

namespace Observatory.Tests.Support;

/// <summary>API keys in the service store of a test warehouse (the store the host finds for it: see <see cref="FeedHost"/>).</summary>
public static class TestKeys
{
    public static ServiceStore Store(WarehouseOptions warehouse) => new(ServiceStoreOptions.For(warehouse, schema: ServiceSchema(warehouse)));

    /// <summary>On PostgreSQL each test warehouse has its service store in a schema of its own, dropped with it.</summary>
    public static string? ServiceSchema(WarehouseOptions warehouse) =>
        warehouse.Provider == WarehouseProvider.PostgreSql ? $"{warehouse.Schema}_service" : null;

    /// <returns>The key (a fresh name each time, so tests sharing a warehouse never collide).</returns>
    public static async Task<string> CreateAsync(WarehouseOptions warehouse, Role role, string? scope = null, string? name = null)
    {
        var created = await new ApiKeys(Store(warehouse), TimeProvider.System)
            .CreateAsync(name ?? $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}"[..24], role, null, AccessScope.Parse(scope));
        return created.Key;
    }
}
