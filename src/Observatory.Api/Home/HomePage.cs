using System.Net;
using System.Text;
using Observatory.Api.Feed.Parsing;
using Observatory.Api.Startup;

namespace Observatory.Api.Home;

public static class HomePage
{
    /// <summary>The page's one style block; the Content-Security-Policy allows it by its hash.</summary>
    public const string Style = "body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;line-height:1.5}" +
        ".notice{background:#fff4ce;border-left:.4rem solid #c48a00;padding:.75rem 1rem}code{background:#f3f3f3;padding:0 .2rem}";

    /// <summary>A plain landing page: what this is, what the warehouse holds, and where the feed and the reports are.</summary>
    public static async Task<IResult> RenderAsync(HttpContext context, FeedRequestParser feed, CurrentLoad current)
    {
        var load = await current.GetAsync(context.RequestAborted);
        var notice = load.IsSynthetic switch
        {
            true => "<strong>Synthetic data.</strong> Every figure here comes from a generated warehouse calibrated to public statistics. It holds no real person's data.",
            false => "<strong>Real data.</strong> This warehouse holds records of real people's care: researchers receive disclosure-controlled figures only.",
            null => "<strong>The warehouse cannot be read at the moment.</strong> The feed answers 503 until it can.",
        };
        var caller = Security.Caller.Of(context)!;
        var access = caller.IsDemo
            ? "<strong>Demo mode.</strong> This host listens on this machine only and serves synthetic data only; callers without an API key act as Admin. An API key (<code>observatory keys create</code>, sent as <code>X-Api-Key</code>) acts as its role, so each role's view can be tried. See docs/security.md to deploy with sign-in."
            : $"Signed in as <code>{WebUtility.HtmlEncode(caller.Identity)}</code>, role {caller.Role}{(caller.Scope is { } scope ? $", limited to <code>{WebUtility.HtmlEncode(scope.ToString())}</code>" : "")}.";
        var html = new StringBuilder()
            .Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Observatory</title>")
            .Append("<style>").Append(Style).Append("</style></head><body>")
            .Append("<h1>Observatory</h1><p>Monitoring ethnic inequalities in mental health care in City and Hackney.</p>")
            .Append("<p class=\"notice\" role=\"note\">").Append(notice).Append("</p>")
            .Append("<p role=\"note\">").Append(access).Append("</p>")
            .Append("<h2>OData feed</h2><p>Connect Excel or Power BI (Get Data &gt; OData feed) to <code>")
            .Append(WebUtility.HtmlEncode(feed.ServiceRoot(context.Request))).Append("</code>. The model is at <a href=\"/odata/$metadata\">/odata/$metadata</a>.</p>")
            .Append("<h2>Dashboards</h2><p><a href=\"/dashboards\">Board dashboards</a>: Talking Therapies equity, CAMHS, SMI physical health checks, Growing Minds and data completeness, ")
            .Append("with slicers, cross-filtering and every figure's interval, drawn from the feed at your disclosure level.</p>")
            .Append("<h2>Reports</h2><p><a href=\"/reports/progress\">Synergi Pledge progress report</a>: its data sections regenerated from the indicators, ")
            .Append("every figure linked to the feed URL that gives it.</p>")
            .Append("</body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8");
    }
}
