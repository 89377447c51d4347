using System.Net;
using System.Text;
using Observatory.Warehouse;

namespace Observatory.Api.Home;

public static class HomePage
{
    /// <summary>A plain landing page: what this is, that the data are synthetic, and where the feed is.</summary>
    public static WebApplication MapHome(this WebApplication app)
    {
        app.MapGet("/", (HttpContext context, WarehouseOptions options) =>
        {
            var feed = $"{context.Request.Scheme}://{context.Request.Host}/odata";
            var html = new StringBuilder()
                .Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Observatory</title>")
                .Append("<style>body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;line-height:1.5}")
                .Append(".notice{background:#fff4ce;border-left:.4rem solid #c48a00;padding:.75rem 1rem}code{background:#f3f3f3;padding:0 .2rem}</style></head><body>")
                .Append("<h1>Observatory</h1><p>Monitoring ethnic inequalities in mental health care in City and Hackney.</p>")
                .Append("<p class=\"notice\" role=\"note\"><strong>Synthetic data.</strong> Every figure here comes from a generated warehouse ")
                .Append("calibrated to public statistics. It holds no real person's data.</p>")
                .Append("<h2>OData feed</h2><p>Connect Excel or Power BI (Get Data &gt; OData feed) to <code>")
                .Append(WebUtility.HtmlEncode(feed)).Append("</code>. The model is at <a href=\"/odata/$metadata\">/odata/$metadata</a>.</p>")
                .Append("<h2>Reports</h2><p><a href=\"/reports/progress\">Synergi Pledge progress report</a>: its data sections regenerated from the indicators, ")
                .Append("every figure linked to the feed URL that gives it.</p>")
                .Append("<p>Warehouse: ").Append(WebUtility.HtmlEncode(options.Describe())).Append(".</p></body></html>");
            return Results.Content(html.ToString(), "text/html; charset=utf-8");
        });
        return app;
    }
}
