namespace Observatory.Warehouse;

/// <summary>The database engines the warehouse runs on.</summary>
public enum WarehouseProvider
{
    /// <summary>Embedded single-file database: the default, for a laptop or a small deployment.</summary>
    Sqlite,

    /// <summary>PostgreSQL server: production and scale.</summary>
    PostgreSql,
}
