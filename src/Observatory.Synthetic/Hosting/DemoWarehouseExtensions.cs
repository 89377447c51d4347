using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Observatory.Warehouse.Loading;

namespace Observatory.Synthetic.Hosting;

public static class DemoWarehouseExtensions
{
    /// <summary>
    /// Lets a host seed the synthetic demo warehouse at its first start, when it finds none and
    /// <c>Warehouse:SeedDemoWhenMissing</c> allows it. Only a host that calls this carries the generator.
    /// </summary>
    public static IHostApplicationBuilder AddDemoWarehouse(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(new DemoWarehouse(new SyntheticWarehouse(),
            $"the synthetic demo warehouse (seed {SyntheticWarehouse.DemoSeed}, scale {SyntheticWarehouse.DemoScale})"));
        return builder;
    }
}
