using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Observatory.Tests.Support;
using Observatory.Warehouse;
using Observatory.Warehouse.Infrastructure;
using Observatory.Warehouse.Schema;

namespace Observatory.Tests.Warehouse;

public class SchemaInspectionTests
{
    [Theory]
    [MemberData(nameof(TestLocation.Providers), MemberType = typeof(TestLocation))]
    public async Task AnEmptyLocationIsMissingAndALoadedOneIsCurrent(WarehouseProvider provider)
    {
        await using var location = TestLocation.Create(provider);

        Assert.Equal(WarehouseState.Missing, (await WarehouseSchema.InspectAsync(location.Options)).State);
        await SmallWarehouse.SeedAsync(location.Options);
        Assert.Equal(WarehouseState.Current, (await WarehouseSchema.InspectAsync(location.Options)).State);
    }

    [Theory]
    [MemberData(nameof(TestLocation.Providers), MemberType = typeof(TestLocation))]
    public async Task TablesObservatoryDidNotCreateAreRefusedAndLeftUntouched(WarehouseProvider provider)
    {
        await using var location = TestLocation.Create(provider);
        await ExecuteAsync(location, provider == WarehouseProvider.Sqlite
            ? "CREATE TABLE Patients (Id INTEGER PRIMARY KEY, Note TEXT); INSERT INTO Patients VALUES (1, 'keep me');"
            : $"CREATE SCHEMA \"{location.Options.Schema}\"; CREATE TABLE \"{location.Options.Schema}\".\"Patients\" (\"Id\" int PRIMARY KEY, \"Note\" text); " +
              $"INSERT INTO \"{location.Options.Schema}\".\"Patients\" VALUES (1, 'keep me');");

        var inspection = await WarehouseSchema.InspectAsync(location.Options);
        var refusal = await Assert.ThrowsAsync<WarehouseException>(() => SmallWarehouse.SeedAsync(location.Options, replace: true));

        Assert.Equal(WarehouseState.Incompatible, inspection.State);
        Assert.Contains("did not create", refusal.Message);
        Assert.Equal(1, await WarehouseQueries.ScalarAsync(location.Options, "SELECT COUNT(*) FROM \"Patients\""));
    }

    [Theory]
    [MemberData(nameof(TestLocation.Providers), MemberType = typeof(TestLocation))]
    public async Task AWarehouseBuiltByALaterVersionIsRefused(WarehouseProvider provider)
    {
        await using var location = TestLocation.Create(provider);
        await SmallWarehouse.SeedAsync(location.Options);
        await MarkAsBuiltByLaterVersionAsync(location);

        var inspection = await WarehouseSchema.InspectAsync(location.Options);
        var upgrade = await Assert.ThrowsAsync<WarehouseException>(() => WarehouseSchema.UpgradeAsync(location.Options));
        var reload = await Assert.ThrowsAsync<WarehouseException>(() => SmallWarehouse.SeedAsync(location.Options, replace: true));

        Assert.Equal(WarehouseState.Incompatible, inspection.State);
        Assert.Contains("later version of Observatory", inspection.Detail);
        Assert.Contains("later version", upgrade.Message);
        Assert.Contains("later version", reload.Message);
    }

    [Theory]
    [MemberData(nameof(TestLocation.Providers), MemberType = typeof(TestLocation))]
    public async Task PendingMigrationsAreAppliedByAnUpgrade(WarehouseProvider provider)
    {
        await using var location = TestLocation.Create(provider);
        await using (var context = WarehouseContextFactory.Create(location.Options))
        {
            // A warehouse whose history predates every migration this version knows.
            var history = context.GetService<IHistoryRepository>();
            if (provider == WarehouseProvider.PostgreSql)
            {
                await ExecuteAsync(location, $"CREATE SCHEMA \"{location.Options.Schema}\"");
            }

            await context.Database.ExecuteSqlRawAsync(history.GetCreateScript());
        }

        var before = await WarehouseSchema.InspectAsync(location.Options);
        await WarehouseSchema.UpgradeAsync(location.Options);
        var after = await WarehouseSchema.InspectAsync(location.Options);

        Assert.Equal(WarehouseState.NeedsUpgrade, before.State);
        Assert.NotEmpty(before.PendingMigrations);
        Assert.Equal(WarehouseState.Current, after.State);
    }

    internal static async Task MarkAsBuiltByLaterVersionAsync(TestLocation location) =>
        await ExecuteAsync(location, "INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ('29991231000000_FromTheFuture', '99.0.0')");

    internal static async Task ExecuteAsync(TestLocation location, string sql)
    {
        await using var context = WarehouseContextFactory.Create(location.Options);
        await context.Database.ExecuteSqlRawAsync(sql);
    }

    [Fact]
    public async Task AnEmptySchemaObservatoryDidNotCreateIsNeverReplaced()
    {
        await using var location = TestLocation.PostgreSql();
        await ExecuteAsync(location, $"CREATE SCHEMA \"{location.Options.Schema}\"; CREATE FUNCTION \"{location.Options.Schema}\".keep_me() RETURNS int AS 'SELECT 1' LANGUAGE sql");

        var refusal = await Assert.ThrowsAsync<WarehouseException>(() => SmallWarehouse.SeedAsync(location.Options));

        Assert.Contains("was not created by Observatory", refusal.Message);
        Assert.Equal(1, await WarehouseQueries.ScalarAsync(location.Options, $"SELECT \"{location.Options.Schema}\".keep_me()"));
    }
}
