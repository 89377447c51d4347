using Observatory.Api.Startup;
using Observatory.Warehouse;
using Observatory.Warehouse.Infrastructure;
using Observatory.Warehouse.Providers;

namespace Observatory.Api.Extensions;

public static class WarehouseExtensions
{
    /// <summary>
    /// Registers the warehouse from configuration (<c>Warehouse:Provider</c>, <c>ConnectionStrings:Warehouse</c>,
    /// <c>Warehouse:Schema</c>), read when first needed: its location, the provider's database for reading, the
    /// current load and, for the report pages, the EF Core context.
    /// </summary>
    public static IHostApplicationBuilder AddWarehouse(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(services =>
        {
            var configuration = services.GetRequiredService<IConfiguration>();
            return WarehouseOptions.Create(
                configuration["Warehouse:Provider"],
                configuration.GetConnectionString("Warehouse"),
                configuration["Warehouse:Schema"]);
        });
        builder.Services.AddSingleton(services => WarehouseDatabase.For(services.GetRequiredService<WarehouseOptions>()));
        builder.Services.AddSingleton<CurrentLoad>();
        builder.Services.AddScoped(services => WarehouseContextFactory.Create(
            services.GetRequiredService<WarehouseOptions>(), services.GetRequiredService<ILoggerFactory>()));
        return builder;
    }
}
