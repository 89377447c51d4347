using Microsoft.Net.Http.Headers;
using Observatory.Api.Feed.Rows;
using Observatory.Api.Feed.Writing;
using Observatory.Indicators.Catalogue;
using Observatory.Reports.Progress;
using Observatory.Reports.Rendering;
using Observatory.Warehouse.Infrastructure;

namespace Observatory.Api.Reports;

/// <summary>
/// Reports regenerated from the indicators, as HTML pages: <c>/reports/progress</c> (the Synergi Pledge progress
/// report's data sections), at the caller's disclosure level, with their script and styles under /reports/assets.
/// </summary>
public static class ReportEndpoints
{
    public static IHostApplicationBuilder AddReports(this IHostApplicationBuilder builder)
    {
        // Read at start-up: a catalogue that cannot be read, or lacks what a report shows, stops the host with its message.
        builder.Services.AddSingleton(new ProgressReport(IndicatorCatalogue.Load()));
        return builder;
    }

    public static WebApplication MapReports(this WebApplication app)
    {
        // Behind a proxy, Reports:FeedUrl gives the address readers reach the feed at; otherwise the request's own.
        var configuredFeed = app.Configuration["Reports:FeedUrl"];
        app.MapGet("/reports/progress", async (HttpContext context, string? year, ProgressReport report, WarehouseContext warehouse, IDisclosurePolicy disclosure) =>
        {
            try
            {
                var feedRoot = configuredFeed ?? $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}/odata";
                var model = await report.BuildAsync(warehouse, new ProgressReportRequest(year, disclosure.LevelFor(context), feedRoot), context.RequestAborted);
                return Results.Content(await ReportRenderer.RenderAsync(model, AssetMode.Linked), "text/html; charset=utf-8");
            }
            catch (ReportRequestException e)
            {
                await FeedErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "BadReportRequest", e.Message);
                return Results.Empty;
            }
            catch (ReportUnavailableException e)
            {
                await FeedErrors.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "ReportUnavailable", e.Message);
                return Results.Empty;
            }
        });

        app.MapMethods($"{ReportAssets.Path}/{{name}}", [HttpMethods.Get, HttpMethods.Head], (HttpContext context, string name) =>
        {
            if (!ReportAssets.TryGet(name, out var content))
            {
                return Results.NotFound();
            }

            context.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Bytes(content, ReportAssets.ContentType(name), entityTag: new EntityTagHeaderValue($"\"{ReportAssets.Version(name)}\""));
        });
        return app;
    }
}
