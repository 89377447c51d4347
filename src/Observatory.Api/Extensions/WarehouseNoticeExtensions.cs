using Observatory.Api.Startup;

namespace Observatory.Api.Extensions;

public static class WarehouseNoticeExtensions
{
    public const string Header = "Observatory-Data";

    /// <summary>
    /// Every response says what the warehouse holds (header <c>Observatory-Data: synthetic</c>, or <c>real</c>, or
    /// <c>unknown</c> before a load record exists); the home page and the WarehouseLoads set say it in words.
    /// The check also notices a new load published while the host runs.
    /// </summary>
    public static WebApplication UseWarehouseNotice(this WebApplication app)
    {
        var current = app.Services.GetRequiredService<CurrentLoad>();
        app.Use(async (context, next) =>
        {
            var load = await current.GetAsync(context.RequestAborted);
            context.Response.Headers[Header] = load.IsSynthetic switch
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
