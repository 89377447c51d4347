using Observatory.Api.Extensions;
using Observatory.Api.Home;
using Observatory.Api.Reports;
using Observatory.Api.Startup;

try
{
    var builder = WebApplication.CreateBuilder(args);

    builder.RequireLoopbackUntilAuthentication();
    builder.AddWarehouse();
    builder.AddFeed();
    builder.AddReports();

    var app = builder.Build();

    await app.PrepareWarehouseAsync();

    app.VerifyLoopbackOnStart();
    app.UseFeedErrors();
    app.UseWarehouseNotice();
    app.MapFeed();
    app.MapHome();
    app.MapReports();

    await app.RunAsync();
    return Environment.ExitCode;
}
catch (Exception e) when (StartupException.IsExpected(e))
{
    await Console.Error.WriteLineAsync($"Observatory cannot start: {e.Message}");
    return 1;
}
