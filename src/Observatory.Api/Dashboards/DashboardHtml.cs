using System.Net;
using System.Text;
using System.Text.Json;
using Observatory.Dashboards.Pages;
using Observatory.Reports.Rendering;

namespace Observatory.Api.Dashboards;

/// <summary>
/// The HTML of the dashboard pages. Each is a small shell: the script (client/src/dashboard.ts) draws the slicers and
/// tiles from the dashboard's configuration and fetches every figure from the feed.
/// </summary>
public static class DashboardHtml
{
    public const string AssetPath = "/dashboards/assets";

    public const string Script = "dashboard.js";
    public const string StyleSheet = "dashboard.css";

    public static AssetBundle Assets { get; } = new(typeof(DashboardConfig).Assembly, AssetPath, Script, StyleSheet);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The configuration as JSON, for the page's script (the default encoder escapes &lt; and &gt;, so it is safe inside a script element).</summary>
    public static string Serialise(DashboardConfig config) => JsonSerializer.Serialize(config, Json);

    /// <summary>A dashboard in the host's own pages, with its configuration inline (one request fewer before the figures).</summary>
    public static string Render(DashboardConfig config, bool? synthetic) =>
        Shell($"{config.Title} · Observatory", embedded: false, synthetic, configUrl: $"/dashboards/{config.Id}/config",
            $"<script type=\"application/json\" id=\"dashboard-config\">{Serialise(config)}</script>");

    /// <summary>
    /// A dashboard inside an embedding application's iframe: no configuration until the page has its embed token (from
    /// the fragment or the parent window), with which it fetches it.
    /// </summary>
    /// <param name="origins">The origins allowed to embed it, whose messages alone the page reads ("loopback" for any on this machine).</param>
    public static string RenderEmbedded(string id, IReadOnlyList<string> origins) => Shell("Observatory dashboard", embedded: true, synthetic: null,
        configUrl: $"/embed/dashboards/{WebUtility.UrlEncode(id)}/config", "", $" data-origins=\"{WebUtility.HtmlEncode(string.Join(' ', origins))}\"");

    /// <summary>The list at /dashboards.</summary>
    public static string RenderIndex(IEnumerable<(string Id, string Title, string Summary)> dashboards, bool? synthetic)
    {
        var list = new StringBuilder("<ul class=\"dashboard-list\">");
        foreach (var (id, title, summary) in dashboards)
        {
            list.Append("<li><a href=\"/dashboards/").Append(WebUtility.HtmlEncode(id)).Append("\">").Append(WebUtility.HtmlEncode(title))
                .Append("</a><p>").Append(WebUtility.HtmlEncode(summary)).Append("</p></li>");
        }

        list.Append("<li><a href=\"/reports/progress\">Synergi Pledge progress report</a><p>The report's data sections regenerated from the indicators, every figure linked to the feed.</p></li></ul>");
        var body = $"<main id=\"main\" class=\"index\"><h1>Dashboards</h1><p>Prepared views of ethnic inequalities in mental health care in City and Hackney. Every figure comes from the OData feed at your disclosure level.</p>{list}</main>";
        return Page("Dashboards · Observatory", embedded: false, synthetic, body);
    }

    private static string Shell(string title, bool embedded, bool? synthetic, string configUrl, string inline, string attributes = "") =>
        Page(title, embedded, synthetic,
            $"<main id=\"dashboard\" data-config=\"{WebUtility.HtmlEncode(configUrl)}\" data-embedded=\"{(embedded ? "true" : "false")}\"{attributes}>" +
            "<noscript><p>This dashboard draws its charts with JavaScript. Every figure on it is also in the OData feed at /odata.</p></noscript></main>" +
            inline + $"<script src=\"{Assets.Url(Script)}\"></script>");

    private static string Page(string title, bool embedded, bool? synthetic, string body)
    {
        var html = new StringBuilder()
            .Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(WebUtility.HtmlEncode(title)).Append("</title><link rel=\"icon\" href=\"data:,\">")
            .Append("<link rel=\"stylesheet\" href=\"").Append(Assets.Url(StyleSheet)).Append("\"></head>")
            .Append(embedded ? "<body class=\"embedded\">" : "<body>");
        if (!embedded)
        {
            html.Append("<a class=\"skip\" href=\"#").Append(body.StartsWith("<main id=\"dashboard\"", StringComparison.Ordinal) ? "dashboard" : "main").Append("\">Skip to the content</a>")
                .Append("<header><div class=\"site\"><a href=\"/\">Observatory</a><a href=\"/dashboards\">Dashboards</a><span>Ethnic inequalities in mental health care, City and Hackney</span></div>");
            if (synthetic == true)
            {
                html.Append("<p class=\"synthetic\" role=\"note\"><strong>Synthetic data.</strong> Every figure comes from a generated warehouse calibrated to public statistics; it holds no real person's data.</p>");
            }

            html.Append("</header>");
        }

        return html.Append(body).Append("</body></html>").ToString();
    }
}
