using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Observatory.Access.Store;

// Used only by 'dotnet ef migrations add'; the connection strings are never opened.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteServiceStoreContext>
{
    public SqliteServiceStoreContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteServiceStoreContext>().UseSqlite("Data Source=design-time.db").Options);
}

internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlServiceStoreContext>
{
    public PostgreSqlServiceStoreContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlServiceStoreContext>().UseNpgsql("Host=localhost;Database=design_time").Options);
}
