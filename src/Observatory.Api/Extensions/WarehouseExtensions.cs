using Observatory.Warehouse;
using Observatory.Warehouse.Infrastructure;

namespace Observatory.Api.Extensions;

public static class WarehouseExtensions
{
    /// <summary>
    /// Registers the warehouse from configuration (<c>Warehouse:Provider</c>, <c>ConnectionStrings:Warehouse</c>,
    /// <c>Warehouse:Schema</c>). Controllers receive <see cref="WarehouseContext"/>, whatever the provider.
    /// </summary>
    public static IHostApplicationBuilder AddWarehouse(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var options = WarehouseOptions.Create(
            configuration["Warehouse:Provider"],
            configuration.GetConnectionString("Warehouse"),
            configuration["Warehouse:Schema"]);
        builder.Services.AddSingleton(options);

        if (options.Provider == WarehouseProvider.Sqlite)
        {
            builder.Services.AddDbContext<WarehouseContext, SqliteWarehouseContext>(db => WarehouseContextFactory.Configure(db, options));
        }
        else
        {
            builder.Services.AddDbContext<WarehouseContext, PostgreSqlWarehouseContext>(db => WarehouseContextFactory.Configure(db, options));
        }

        return builder;
    }
}
