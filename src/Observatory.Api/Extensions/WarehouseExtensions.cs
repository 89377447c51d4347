using Observatory.Api.Startup;
using Observatory.Indicators;
using Observatory.Warehouse;
using Observatory.Warehouse.Infrastructure;
using Observatory.Warehouse.Loading;
using Observatory.Warehouse.Providers;
using Observatory.Warehouse.Schema;

namespace Observatory.Api.Extensions;

public static class WarehouseExtensions
{
    public const string DataHeader = "Observatory-Data";

    /// <summary>
    /// The warehouse from configuration (<see cref="WarehouseConfiguration"/>): its location, the provider's database
    /// for reading, what the current load holds, and a read-only EF Core context for the report pages.
    /// </summary>
    public static IHostApplicationBuilder AddWarehouse(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<FirstStartOptions>().BindConfiguration(WarehouseConfiguration.Section).ValidateOnStart();
        builder.Services.AddSingleton(services => WarehouseConfiguration.Read(services.GetRequiredService<IConfiguration>()));
        builder.Services.AddSingleton(services => WarehouseDatabase.For(services.GetRequiredService<WarehouseOptions>()));
        builder.Services.AddSingleton<CurrentLoad>();
        builder.Services.AddScoped(services => WarehouseContextFactory.Create(
            services.GetRequiredService<WarehouseOptions>(), services.GetRequiredService<ILoggerFactory>(), readOnly: true));
        return builder;
    }

    /// <summary>
    /// Before serving: seed the demo warehouse when none exists and the host carries it (and say so), apply pending
    /// upgrades to one this version understands, and refuse one built by a later version or by something else.
    /// </summary>
    public static async Task PrepareWarehouseAsync(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Observatory.Warehouse");
        try
        {
            var options = app.Services.GetRequiredService<WarehouseOptions>();
            var firstStart = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<FirstStartOptions>>().Value;
            var demo = app.Services.GetService<DemoWarehouse>();
            var inspection = await WarehouseSchema.InspectAsync(options);
            switch (inspection.State)
            {
                case WarehouseState.Missing when firstStart.SeedDemoWhenMissing && demo is not null:
                    logger.LogInformation("No warehouse at {Location}: seeding {Demo}.", options.Describe(), demo.Description);
                    var summary = await new WarehouseLoader(options, LoadSteps.Default()).LoadAsync(demo.Source, replaceExisting: false);
                    logger.LogInformation("Seeded the demo warehouse: {FactRows} fact rows in {Seconds:F1} s.", summary.FactRows, summary.TotalTime.TotalSeconds);
                    break;
                case WarehouseState.Missing:
                    throw new StartupException($"{inspection.Detail} Load one with 'observatory seed'" +
                        (demo is null ? " (this build of the host does not carry the demo generator)." : ", or set Warehouse:SeedDemoWhenMissing to true."));
                case WarehouseState.NeedsUpgrade:
                    logger.LogInformation("{Detail} Upgrading.", inspection.Detail);
                    await WarehouseSchema.UpgradeAsync(options);
                    // An upgrade can bring new derived tables: fill them before serving.
                    foreach (var step in LoadSteps.Default())
                    {
                        await step.RunAsync(options, CancellationToken.None);
                    }
                    break;
                case WarehouseState.Incompatible:
                    throw new StartupException(inspection.Detail);
                default:
                    logger.LogInformation("{Detail}", inspection.Detail);
                    break;
            }

            // A load killed before it finished leaves its staging copy behind, as large as the warehouse.
            await new WarehouseLoader(options).RemoveAbandonedStagingAsync();
        }
        catch (WarehouseException e)
        {
            throw new StartupException(e.Message, e);
        }
    }

    /// <summary>
    /// Every response says what the warehouse holds (header <c>Observatory-Data: synthetic</c>, or <c>real</c>, or
    /// <c>unknown</c> while it cannot be read); the home page and the WarehouseLoads set say it in words. The check
    /// also notices a new load published while the host runs.
    /// </summary>
    public static WebApplication UseWarehouseNotice(this WebApplication app)
    {
        var current = app.Services.GetRequiredService<CurrentLoad>();
        app.Use(async (context, next) =>
        {
            var load = await current.GetAsync(context.RequestAborted);
            context.Response.Headers[DataHeader] = load.IsSynthetic switch
            {
                true => "synthetic",
                false => "real",
                null => "unknown",
            };
            await next(context);
        });
        return app;
    }
}

/// <summary>What the host does at its first start when it finds no warehouse (section <c>Warehouse</c>).</summary>
public sealed class FirstStartOptions
{
    /// <summary>Seed the synthetic demo warehouse, when the host carries the generator.</summary>
    public bool SeedDemoWhenMissing { get; set; } = true;
}
