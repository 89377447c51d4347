using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Observatory.Warehouse;

namespace Observatory.Tests.Support;

/// <summary>The real host (Program) in memory, pointed at a given warehouse.</summary>
public sealed class FeedHost(WarehouseOptions warehouse, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Warehouse:Provider", warehouse.Provider.ToString());
        builder.UseSetting("ConnectionStrings:Warehouse", warehouse.ConnectionString);
        builder.UseSetting("Warehouse:Schema", warehouse.Schema);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }
}
