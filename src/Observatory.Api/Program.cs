using Observatory.Api.Extensions;
using Observatory.Api.Startup;
#if DEMO_WAREHOUSE
using Observatory.Synthetic.Hosting;
#endif

try
{
    var builder = WebApplication.CreateBuilder(args);

    builder.AddHosting();
    builder.AddTelemetry();
    builder.AddWarehouse();
#if DEMO_WAREHOUSE
    builder.AddDemoWarehouse();
#endif
    builder.AddSecurity();
    builder.AddFeed();
    builder.AddReports();
    builder.AddDashboards();
    builder.AddHealth();

    var app = builder.Build();

    app.CheckConfiguration();
    await app.PrepareWarehouseAsync();
    await app.PrepareServiceStoreAsync();

    app.UseProxies();
    app.UseAudit();
    app.UseSecurityHeaders();
    app.UseHosting();
    app.UseErrors();
    app.UseSignIn();
    app.UseEmbedding();
    app.UseWarehouseNotice();
    app.MapFeed();
    app.MapReports();
    app.MapDashboards();
    app.MapEmbedding();
    app.MapHome();
    app.MapHealth();

    await app.RunAsync();
    return Environment.ExitCode;
}
catch (Exception e) when (StartupException.IsExpected(e))
{
    await Console.Error.WriteLineAsync($"Observatory cannot start: {e.Message}");
    return 1;
}
