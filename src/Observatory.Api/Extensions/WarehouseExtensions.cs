using Observatory.Api.Startup;
using Observatory.Warehouse;
using Observatory.Warehouse.Infrastructure;

namespace Observatory.Api.Extensions;

public static class WarehouseExtensions
{
    /// <summary>
    /// Registers the warehouse from configuration (<c>Warehouse:Provider</c>, <c>ConnectionStrings:Warehouse</c>,
    /// <c>Warehouse:Schema</c>), read when first needed. Controllers receive <see cref="WarehouseContext"/>,
    /// whatever the provider.
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
        builder.Services.AddSingleton<CurrentLoad>();
        builder.Services.AddScoped(services => WarehouseContextFactory.Create(
            services.GetRequiredService<WarehouseOptions>(), services.GetRequiredService<ILoggerFactory>()));
        return builder;
    }
}
