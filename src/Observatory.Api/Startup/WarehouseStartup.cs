using Observatory.Indicators;
using Observatory.Synthetic;
using Observatory.Warehouse;
using Observatory.Warehouse.Loading;
using Observatory.Warehouse.Schema;

namespace Observatory.Api.Startup;

public static class WarehouseStartup
{
    /// <summary>
    /// Before serving: seed the demo warehouse when none exists (and say so), apply pending upgrades to one this
    /// version understands, and refuse one built by a later version or by something else.
    /// </summary>
    public static async Task PrepareWarehouseAsync(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Observatory.Warehouse");
        try
        {
            var options = app.Services.GetRequiredService<WarehouseOptions>();
            var inspection = await WarehouseSchema.InspectAsync(options);
            switch (inspection.State)
            {
                case WarehouseState.Missing when SeedDemoWhenMissing(app.Configuration):
                    logger.LogInformation("No warehouse at {Location}: seeding the synthetic demo warehouse (seed {Seed}, scale {Scale}).",
                        options.Describe(), SyntheticWarehouse.DemoSeed, SyntheticWarehouse.DemoScale);
                    var summary = await new WarehouseLoader(options, [new IndicatorStep()]).LoadAsync(new SyntheticWarehouse(), replaceExisting: false);
                    logger.LogInformation("Seeded the demo warehouse: {FactRows} fact rows in {Seconds:F1} s.",
                        summary.FactRows, summary.TotalTime.TotalSeconds);
                    break;
                case WarehouseState.Missing:
                    throw new StartupException($"{inspection.Detail} Seed one with 'observatory seed', or set Warehouse:SeedDemoWhenMissing to true.");
                case WarehouseState.NeedsUpgrade:
                    logger.LogInformation("{Detail} Upgrading.", inspection.Detail);
                    await WarehouseSchema.UpgradeAsync(options);
                    // An upgrade can bring new derived tables: fill them before serving.
                    await new IndicatorStep().RunAsync(options, CancellationToken.None);
                    break;
                case WarehouseState.Incompatible:
                    throw new StartupException(inspection.Detail);
                default:
                    logger.LogInformation("{Detail}", inspection.Detail);
                    break;
            }
        }
        catch (WarehouseException e)
        {
            throw new StartupException(e.Message, e);
        }
    }

    private static bool SeedDemoWhenMissing(IConfiguration configuration)
    {
        var value = configuration["Warehouse:SeedDemoWhenMissing"];
        return value is null || (bool.TryParse(value, out var seed)
            ? seed
            : throw new StartupException($"Warehouse:SeedDemoWhenMissing must be true or false, not '{value}'."));
    }
}
