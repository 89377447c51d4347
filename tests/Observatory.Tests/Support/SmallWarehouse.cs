using Observatory.Synthetic;
using Observatory.Warehouse;
using Observatory.Warehouse.Loading;

namespace Observatory.Tests.Support;

public static class SmallWarehouse
{
    /// <summary>A scale small enough for a test to seed in about a second; the report's pinned figures still hold.</summary>
    public const double Scale = 0.02;

    public static Task<LoadSummary> SeedAsync(WarehouseOptions options, int seed = 1, double scale = Scale, bool replace = false) =>
        new WarehouseLoader(options).LoadAsync(new SyntheticWarehouse(seed, scale), replace);
}
