using Microsoft.EntityFrameworkCore;

namespace Observatory.Warehouse.Infrastructure;

/// <summary>The warehouse on PostgreSQL, for production and scale. Its migrations live in Migrations/PostgreSql.</summary>
public sealed class PostgreSqlWarehouseContext(DbContextOptions<PostgreSqlWarehouseContext> options) : WarehouseContext(options);
