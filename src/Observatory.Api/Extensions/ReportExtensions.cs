using Observatory.Api.Reports;
using Observatory.Indicators.Catalogue;
using Observatory.Reports.Progress;
using Observatory.Reports.Rendering;

namespace Observatory.Api.Extensions;

public static class ReportExtensions
{
    public static IHostApplicationBuilder AddReports(this IHostApplicationBuilder builder)
    {
        // Read at start-up: a catalogue that cannot be read, or lacks what a report shows, stops the host with its message.
        var catalogue = IndicatorCatalogue.Load();
        builder.Services.AddSingleton(catalogue);
        builder.Services.AddSingleton(new ProgressReport(catalogue));
        return builder;
    }

    public static WebApplication MapReports(this WebApplication app)
    {
        app.MapGet("/reports/progress", ReportEndpoints.ProgressAsync);
        app.MapMethods($"{ReportAssets.Path}/{{name}}", [HttpMethods.Get, HttpMethods.Head], (HttpContext context, string name) => ReportEndpoints.Asset(context, name));
        return app;
    }

    /// <summary>The landing page.</summary>
    public static WebApplication MapHome(this WebApplication app)
    {
        app.MapGet("/", Home.HomePage.RenderAsync);
        return app;
    }
}
