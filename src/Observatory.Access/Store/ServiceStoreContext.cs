using Microsoft.EntityFrameworkCore;

namespace Observatory.Access.Store;

/// <summary>
/// What the service keeps about its users: API keys and the audit trail. It lives apart from the warehouse (a SQLite
/// file beside it, or its own PostgreSQL schema), so a load, which replaces the warehouse whole, never touches it.
/// Each provider has its own subclass and migrations, as the warehouse does.
/// </summary>
public abstract class ServiceStoreContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ApiKey>(key =>
        {
            key.Property(k => k.Name).HasMaxLength(64);
            key.Property(k => k.KeyId).HasMaxLength(16);
            key.Property(k => k.Role).HasMaxLength(16);
            key.Property(k => k.Scope).HasMaxLength(120);
            key.HasIndex(k => k.KeyId).IsUnique();
            // A name is reused only once its key is revoked.
            key.HasIndex(k => k.Name).IsUnique().HasFilter("\"RevokedAt\" IS NULL");
        });
        modelBuilder.Entity<AuditEntry>(entry =>
        {
            entry.Property(e => e.Identity).HasMaxLength(200);
            entry.Property(e => e.Method).HasMaxLength(16);
            entry.HasIndex(e => e.At);
            entry.HasIndex(e => new { e.Identity, e.At });
        });
    }
}

/// <summary>The service store on SQLite. Its migrations live in Migrations/Sqlite.</summary>
public sealed class SqliteServiceStoreContext(DbContextOptions<SqliteServiceStoreContext> options) : ServiceStoreContext(options);

/// <summary>The service store on PostgreSQL. Its migrations live in Migrations/PostgreSql.</summary>
public sealed class PostgreSqlServiceStoreContext(DbContextOptions<PostgreSqlServiceStoreContext> options) : ServiceStoreContext(options);
