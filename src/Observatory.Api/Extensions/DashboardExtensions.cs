using Observatory.Api.Dashboards;
using Observatory.Dashboards.Definitions;
using Observatory.Indicators.Catalogue;

namespace Observatory.Api.Extensions;

public static class DashboardExtensions
{
    /// <summary>Configuration key: a directory of dashboard files to serve instead of those shipped in seed/dashboards.</summary>
    public const string DirectoryKey = "Dashboards:Directory";

    /// <summary>The board dashboards, read at start-up: a dashboard file that names anything unknown stops the host with its file and line.</summary>
    public static IHostApplicationBuilder AddDashboards(this IHostApplicationBuilder builder)
    {
        var directory = builder.Configuration[DirectoryKey];
        builder.Services.AddSingleton(services => string.IsNullOrWhiteSpace(directory)
            ? DashboardCatalogue.Load(services.GetRequiredService<IndicatorCatalogue>())
            : DashboardCatalogue.Load(directory, services.GetRequiredService<IndicatorCatalogue>()));
        builder.Services.AddSingleton<DashboardDirectory>();
        // The dashboards embed tokens may name.
        builder.Services.AddSingleton<Embedding.IEmbeddableDashboards>(services => services.GetRequiredService<DashboardDirectory>());
        return builder;
    }

    public static WebApplication MapDashboards(this WebApplication app)
    {
        // Resolved now, so that a faulty dashboard file stops the host before it serves anything.
        app.Services.GetRequiredService<DashboardCatalogue>();
        app.MapGet("/dashboards", DashboardEndpoints.IndexAsync);
        app.MapGet("/dashboards/{id}", DashboardEndpoints.PageAsync);
        app.MapGet("/dashboards/{id}/config", DashboardEndpoints.ConfigAsync);
        // An embedded dashboard's page holds nothing but the script, which waits for its token (the fragment or a message).
        app.MapGet("/embed/dashboards/{id}", DashboardEndpoints.EmbeddedPageAsync).AllowAnonymous();
        app.MapGet("/embed/dashboards/{id}/config", DashboardEndpoints.EmbeddedConfigAsync);
        // The script and style sheet hold no data; an embedded page loads them before it has its token.
        app.MapMethods($"{DashboardHtml.AssetPath}/{{name}}", [HttpMethods.Get, HttpMethods.Head], DashboardEndpoints.Asset).AllowAnonymous();
        return app;
    }
}
