using Microsoft.EntityFrameworkCore;
using Observatory.Warehouse.Infrastructure;

namespace Observatory.Api.Extensions;

public static class SyntheticNoticeExtensions
{
    public const string Header = "Observatory-Data";

    /// <summary>
    /// Every response says whether the warehouse holds synthetic data (header <c>Observatory-Data: synthetic</c>);
    /// the home page and the WarehouseLoads entity set say it in words.
    /// </summary>
    public static WebApplication UseSyntheticDataNotice(this WebApplication app)
    {
        bool synthetic;
        using (var scope = app.Services.CreateScope())
        {
            var warehouse = scope.ServiceProvider.GetRequiredService<WarehouseContext>();
            synthetic = warehouse.WarehouseLoads.OrderByDescending(l => l.LoadId).Select(l => l.IsSynthetic).FirstOrDefault();
        }

        app.Use((context, next) =>
        {
            context.Response.Headers[Header] = synthetic ? "synthetic" : "real";
            return next(context);
        });
        return app;
    }
}
