using Microsoft.EntityFrameworkCore.Design;

namespace Observatory.Warehouse.Infrastructure;

// Used only by 'dotnet ef migrations add'; the connection strings are never opened.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteWarehouseContext>
{
    public SqliteWarehouseContext CreateDbContext(string[] args) =>
        (SqliteWarehouseContext)WarehouseContextFactory.Create(
            WarehouseOptions.Create("Sqlite", "Data Source=design-time.db"));
}

internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlWarehouseContext>
{
    public PostgreSqlWarehouseContext CreateDbContext(string[] args) =>
        (PostgreSqlWarehouseContext)WarehouseContextFactory.Create(
            WarehouseOptions.Create("PostgreSql", "Host=localhost;Database=design_time"));
}
