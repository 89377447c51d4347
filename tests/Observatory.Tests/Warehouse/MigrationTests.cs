using Microsoft.EntityFrameworkCore;
using Observatory.Warehouse;
using Observatory.Warehouse.Infrastructure;

namespace Observatory.Tests.Warehouse;

public class MigrationTests
{
    [Theory]
    [InlineData("Sqlite", "Data Source=unused.db")]
    [InlineData("PostgreSql", "Host=localhost;Database=unused")]
    public void EachProvidersMigrationsMatchTheModel(string provider, string connection)
    {
        using var context = WarehouseContextFactory.Create(WarehouseOptions.Create(provider, connection));

        Assert.False(context.Database.HasPendingModelChanges(),
            $"The {provider} migrations do not match the model: add a migration for each provider.");
        Assert.NotEmpty(context.Database.GetMigrations());
    }

    [Fact]
    public void FactTablesHaveNoPersonIdentifiers()
    {
        using var context = WarehouseContextFactory.Create(WarehouseOptions.Create("Sqlite", "Data Source=unused.db"));
        string[] identifying = ["name", "nhsnumber", "dateofbirth", "birth", "postcode", "address", "email", "phone"];

        var columns = context.Model.GetEntityTypes()
            .Where(e => WarehouseTables.Facts.Contains(e.ClrType))
            .SelectMany(e => e.GetProperties().Select(p => p.Name.ToLowerInvariant()));

        Assert.DoesNotContain(columns, column => identifying.Any(column.Contains));
    }

    [Theory]
    [InlineData("public")]
    [InlineData("pg_catalog")]
    [InlineData("information_schema")]
    [InlineData("observatory_loading")]
    [InlineData("observatory_retired")]
    [InlineData("Observatory")]
    [InlineData("observatory\n")]
    [InlineData("obs; DROP SCHEMA x")]
    public void ReservedOrUnsafeSchemaNamesAreRefused(string schema) =>
        Assert.Throws<WarehouseException>(() => WarehouseOptions.Create("PostgreSql", "Host=localhost;Database=x", schema));

    [Fact]
    public void ASqliteLocationThatIsAFolderIsRefused() =>
        Assert.Contains("is a folder", Assert.Throws<WarehouseException>(() => WarehouseOptions.Create("Sqlite", $"Data Source={Path.GetTempPath()}")).Message);
}
