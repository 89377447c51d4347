using Observatory.Api.Extensions;
using Observatory.Api.Home;
using Observatory.Api.Startup;

try
{
    var builder = WebApplication.CreateBuilder(args);

    builder.RequireLoopbackUntilAuthentication();
    builder.AddWarehouse();
    builder.AddFeed();

    var app = builder.Build();

    await app.PrepareWarehouseAsync();

    app.UseFeedErrors();
    app.UseSyntheticDataNotice();
    app.MapControllers();
    app.MapHome();

    await app.RunAsync();
    return 0;
}
catch (StartupException e)
{
    await Console.Error.WriteLineAsync($"Observatory cannot start: {e.Message}");
    return 1;
}
