using Microsoft.EntityFrameworkCore;

namespace Observatory.Warehouse.Infrastructure;

/// <summary>The warehouse on SQLite, the embedded default. Its migrations live in Migrations/Sqlite.</summary>
public sealed class SqliteWarehouseContext(DbContextOptions<SqliteWarehouseContext> options) : WarehouseContext(options);
