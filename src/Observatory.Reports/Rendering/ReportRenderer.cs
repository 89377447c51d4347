using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Observatory.Reports.Components;
using Observatory.Reports.Model;

namespace Observatory.Reports.Rendering;

/// <summary>Where a rendered page finds its script and styles.</summary>
public enum AssetMode
{
    /// <summary>Linked from the host (<see cref="ReportAssets.Path"/>), which serves and caches them.</summary>
    Linked,
    /// <summary>Written into the page, so a saved file opens anywhere without the host.</summary>
    Inline,
}

/// <summary>Renders a report to a complete HTML page with Razor components (encoded by the renderer, not by hand).</summary>
public static class ReportRenderer
{
    public static async Task<string> RenderAsync(Report report, AssetMode assets)
    {
        await using var services = new ServiceCollection().BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, NullLoggerFactory.Instance);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(ReportPage.Report)] = report,
                [nameof(ReportPage.AssetMode)] = assets,
            });
            var output = await renderer.RenderComponentAsync<ReportPage>(parameters);
            return "<!doctype html>\n" + output.ToHtmlString();
        });
    }
}
