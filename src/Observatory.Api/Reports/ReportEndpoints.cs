using Microsoft.Net.Http.Headers;
using Observatory.Access.Roles;
using Observatory.Api.Feed.Parsing;
using Observatory.Api.Security;
using Observatory.Indicators.Computation;
using Observatory.Api.Feed.Rows;
using Observatory.Api.Feed.Writing;
using Observatory.Reports.Progress;
using Observatory.Reports.Rendering;
using Observatory.Warehouse.Infrastructure;
using Observatory.Warehouse.Providers;

namespace Observatory.Api.Reports;

/// <summary>
/// Reports regenerated from the indicators, as HTML pages: <c>/reports/progress</c> (the Synergi Pledge progress
/// report's data sections), at the caller's disclosure level, with their script and styles under /reports/assets.
/// </summary>
public static class ReportEndpoints
{
    public static Task ProgressAsync(HttpContext context, string? year, ProgressReport report, WarehouseContext warehouse,
        IDisclosurePolicy disclosure, IRowPolicy rows, FeedRequestParser feed, WarehouseDatabase database, Microsoft.OData.Edm.IEdmModel feedModel) =>
        FeedErrors.AnswerAsync(context, database, async () =>
        {
            try
            {
                // The values the caller may read, by the feed's own row policy; a borough-scoped caller's report is of the borough.
                var caller = Caller.Of(context)!;
                var values = feedModel.EntityContainer.FindEntitySet(nameof(WarehouseContext.IndicatorValues));
                // Every figure links to the feed URL that gives it, at the feed's public address.
                var request = new ProgressReportRequest(year, disclosure.LevelFor(context), feed.ServiceRoot(context.Request))
                {
                    Area = caller.Scope is { Kind: ScopeKind.Borough } borough ? borough.Value : IndicatorComputation.IcsName,
                    RowCondition = await rows.ConditionForAsync(context, values, context.RequestAborted),
                    Scoped = caller.Scope is not null,
                };
                var model = await report.BuildAsync(warehouse, request, context.RequestAborted);
                var html = await ReportRenderer.RenderAsync(model, AssetMode.Linked);
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync(html, context.RequestAborted);
            }
            catch (ReportRequestException e)
            {
                await FeedErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "BadReportRequest", e.Message);
            }
            catch (ReportUnavailableException e)
            {
                await FeedErrors.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "ReportUnavailable", e.Message, TimeSpan.FromSeconds(60));
            }
        });

    public static IResult Asset(HttpContext context, string name) => Asset(context, ReportAssets.Bundle, name);

    /// <summary>A file of a bundle, cached for an hour and revalidated by its content hash.</summary>
    public static IResult Asset(HttpContext context, AssetBundle bundle, string name)
    {
        if (!bundle.TryGet(name, out var content))
        {
            return Results.NotFound();
        }

        context.Response.Headers.CacheControl = "public, max-age=3600";
        context.Response.Headers.Vary = HeaderNames.AcceptEncoding;
        var gzip = context.Request.GetTypedHeaders().AcceptEncoding.Any(e => e.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase) && e.Quality is not 0);
        if (gzip)
        {
            context.Response.Headers.ContentEncoding = "gzip";
        }

        // The compressed file is another representation: its own entity tag.
        return Results.Bytes(gzip ? bundle.Gzipped(name) : content, AssetBundle.ContentType(name),
            entityTag: new EntityTagHeaderValue($"\"{bundle.Version(name)}{(gzip ? "-gz" : "")}\""));
    }
}
