using Microsoft.Extensions.Configuration;

namespace Observatory.Warehouse;

/// <summary>
/// Where the warehouse is, read from configuration the same way by the host and the command line:
/// <c>Warehouse:Provider</c> (Sqlite or PostgreSql), <c>ConnectionStrings:Warehouse</c> and <c>Warehouse:Schema</c>,
/// from appsettings.json, the environment (<c>Warehouse__Provider</c>, ...) and the command line, in that order.
/// </summary>
public static class WarehouseConfiguration
{
    public const string Section = "Warehouse";

    /// <exception cref="WarehouseException">A value is missing or wrong; the message says which and what to use.</exception>
    public static WarehouseOptions Read(IConfiguration configuration) => WarehouseOptions.Create(
        configuration[$"{Section}:Provider"], configuration.GetConnectionString(Section), configuration[$"{Section}:Schema"]);
}
