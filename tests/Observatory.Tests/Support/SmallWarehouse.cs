using Observatory.Indicators;
using Observatory.Synthetic;
using Observatory.Warehouse;
using Observatory.Warehouse.Loading;

namespace Observatory.Tests.Support;

public static class SmallWarehouse
{
    /// <summary>A scale small enough for a test to seed in about a second; the report's pinned figures still hold.</summary>
    public const double Scale = 0.02;

    /// <param name="indicators">Whether the load computes the indicator values, as every real load does; tests of the warehouse itself skip it.</param>
    public static Task<LoadSummary> SeedAsync(WarehouseOptions options, int seed = 1, double scale = Scale, bool replace = false, bool indicators = false) =>
        new WarehouseLoader(options, indicators ? LoadSteps.Default() : null).LoadAsync(new SyntheticWarehouse(seed, scale), replace);
}
