using Observatory.Warehouse.Loading.PostgreSql;
using Observatory.Warehouse.Loading.Sqlite;

namespace Observatory.Warehouse.Loading;

internal static class LoadTargets
{
    public static ILoadTarget Create(WarehouseOptions options) => options.Provider switch
    {
        WarehouseProvider.Sqlite => new SqliteLoadTarget(options),
        _ => new PostgreSqlLoadTarget(options),
    };
}
