using Observatory.Access.Roles;
using Observatory.Api.Embedding;
using Observatory.Api.Feed.Parsing;
using Observatory.Api.Feed.Rows;
using Observatory.Api.Feed.Writing;
using Observatory.Api.Reports;
using Observatory.Api.Security;
using Observatory.Api.Startup;
using Observatory.Dashboards.Definitions;
using Observatory.Dashboards.Pages;
using Observatory.Warehouse.Providers;

namespace Observatory.Api.Dashboards;

/// <summary>
/// The board dashboards: <c>/dashboards</c> (the list), <c>/dashboards/{id}</c> (a dashboard, its configuration inline),
/// <c>/dashboards/{id}/config</c> (the configuration alone, as JSON) and their script and style sheet. The page holds no
/// figure: its script fetches each from the feed with the caller's own credentials, so a dashboard shows exactly what
/// the caller could fetch themselves.
/// </summary>
public static class DashboardEndpoints
{
    public static async Task IndexAsync(HttpContext context, DashboardDirectory directory, CurrentLoad current)
    {
        var load = await current.GetAsync(context.RequestAborted);
        await HtmlAsync(context, DashboardHtml.RenderIndex(directory.Dashboards.Select(d => (d.Id, d.Title, d.Summary)), load.IsSynthetic));
    }

    public static Task PageAsync(HttpContext context, string id, DashboardDirectory directory, IDisclosurePolicy disclosure, FeedRequestParser feed, CurrentLoad current, WarehouseDatabase database) =>
        FeedErrors.AnswerAsync(context, database, async () =>
        {
            var config = await BuildConfigAsync(context, id, directory, disclosure, feed, embedded: false);
            var load = await current.GetAsync(context.RequestAborted);
            await HtmlAsync(context, DashboardHtml.Render(config, load.IsSynthetic));
        });

    public static Task ConfigAsync(HttpContext context, string id, DashboardDirectory directory, IDisclosurePolicy disclosure, FeedRequestParser feed, WarehouseDatabase database) =>
        FeedErrors.AnswerAsync(context, database, async () =>
        {
            var config = await BuildConfigAsync(context, id, directory, disclosure, feed, embedded: false);
            await JsonAsync(context, config);
        });

    /// <summary>An embedded dashboard's page: anonymous, since its token reaches it only once it runs; 404 for an unknown dashboard.</summary>
    public static Task EmbeddedPageAsync(HttpContext context, string id, DashboardDirectory directory, EmbeddingOrigins origins, WarehouseDatabase database) =>
        FeedErrors.AnswerAsync(context, database, () =>
        {
            Find(directory, id);
            return HtmlAsync(context, DashboardHtml.RenderEmbedded(id, origins.AllowsLoopback ? [.. origins.Configured, Loopback] : origins.Configured));
        });

    /// <summary>The configuration of an embedded dashboard, for the page holding its embed token; the token's locks are shown on it.</summary>
    public static Task EmbeddedConfigAsync(HttpContext context, string id, DashboardDirectory directory, IDisclosurePolicy disclosure, FeedRequestParser feed, WarehouseDatabase database) =>
        FeedErrors.AnswerAsync(context, database, async () =>
        {
            var grant = EmbedGrant.Of(context) ?? throw new FeedRequestException(StatusCodes.Status401Unauthorized, "EmbedTokenRequired",
                "This is an embedded dashboard's configuration: send the embed token its page was given, as 'Authorization: Embed <token>'.");
            EmbedGrant.CheckDashboard(context, id);
            await JsonAsync(context, await BuildConfigAsync(context, id, directory, disclosure, feed, embedded: true, grant.Locks));
        });

    /// <summary>The origins of this machine, which the demo lets frame a dashboard.</summary>
    private const string Loopback = "loopback";

    /// <summary>What the dashboard's page is told for this caller; 404 for an unknown dashboard.</summary>
    internal static async Task<DashboardConfig> BuildConfigAsync(HttpContext context, string id, DashboardDirectory directory, IDisclosurePolicy disclosure,
        FeedRequestParser feed, bool embedded, IReadOnlyDictionary<string, IReadOnlyList<string>>? locks = null)
    {
        var dashboard = Find(directory, id);
        var caller = Caller.Of(context)!;
        var viewerLocks = new Dictionary<string, IReadOnlyList<string>>(locks ?? new Dictionary<string, IReadOnlyList<string>>(), StringComparer.Ordinal);
        if (caller.Scope is { Kind: ScopeKind.Borough } borough)
        {
            viewerLocks[DashboardViewer.Borough] = [borough.Value];
        }

        var viewer = new DashboardViewer(disclosure.LevelFor(context), embedded, viewerLocks, feed.ServiceRoot(context.Request), "/reports/progress");
        var facts = await directory.FactsAsync(context.RequestAborted);
        return DashboardConfig.For(dashboard, directory.Dashboards, directory.Catalogue, facts, viewer);
    }

    internal static DashboardDefinition Find(DashboardDirectory directory, string id) => directory.Find(id)
        ?? throw new FeedRequestException(StatusCodes.Status404NotFound, "NotFound",
            $"There is no dashboard '{id}': the dashboards are listed at /dashboards ({string.Join(", ", directory.Dashboards.Select(d => d.Id))}).");

    public static IResult Asset(HttpContext context, string name) => ReportEndpoints.Asset(context, DashboardHtml.Assets, name);

    private static Task HtmlAsync(HttpContext context, string html)
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(html, context.RequestAborted);
    }

    internal static Task JsonAsync(HttpContext context, DashboardConfig config)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(DashboardHtml.Serialise(config), context.RequestAborted);
    }
}
