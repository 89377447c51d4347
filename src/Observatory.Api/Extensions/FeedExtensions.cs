using Microsoft.Extensions.Options;
using Microsoft.OData.Edm;
using Observatory.Api.Feed;
using Observatory.Api.Feed.Batch;
using Observatory.Api.Feed.Functions;
using Observatory.Api.Feed.Limits;
using Observatory.Api.Feed.Metadata;
using Observatory.Api.Feed.Parsing;
using Observatory.Api.Feed.Planning;
using Observatory.Api.Feed.Running;
using Observatory.Api.Feed.Writing;
using Observatory.Indicators.Live;

namespace Observatory.Api.Extensions;

public static class FeedExtensions
{
    /// <summary>The OData v4 feed at /odata over every fact and dimension: its limits, model and request path.</summary>
    public static IHostApplicationBuilder AddFeed(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<FeedLimits>().BindConfiguration(FeedLimits.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IEdmModel>(services => FeedCapabilities.Build(services.GetRequiredService<IOptions<FeedLimits>>().Value));
        builder.Services.AddSingleton<RoleMetadata>();
        builder.Services.AddSingleton<Continuations>();
        builder.Services.AddSingleton<FeedRequestParser>(services => new FeedRequestParser(
            services.GetRequiredService<IEdmModel>(), services.GetRequiredService<IOptions<FeedLimits>>().Value, services.GetRequiredService<Continuations>()));
        builder.Services.AddSingleton<FeedPlanner>();
        builder.Services.AddSingleton<AvailableCubes>();
        builder.Services.AddSingleton<QueryRunner>();
        ReserveThreads(builder.Configuration.GetSection(FeedLimits.Section).Get<FeedLimits>() ?? new FeedLimits());
        builder.Services.AddSingleton<FeedResponses>();
        builder.Services.AddSingleton<LiveIndicators>();
        builder.Services.AddSingleton<IndicatorEvaluation>();
        builder.Services.AddSingleton<LiveValueCache>();
        return builder;
    }

    /// <summary>
    /// SQLite steps a query on the thread that asks for its next row, so each running query holds a thread while the
    /// database works (a grouped query over the facts for most of a second). The thread pool adds threads beyond its
    /// minimum only slowly, and until it does, every other request, however light, waits for one: keep enough ready
    /// for both lanes of queries at once and the requests around them.
    /// </summary>
    private static void ReserveThreads(FeedLimits limits)
    {
        ThreadPool.GetMinThreads(out var workers, out var completions);
        ThreadPool.SetMinThreads(Math.Max(workers, 2 * limits.MaxConcurrentQueries + 4 * Environment.ProcessorCount + 8), completions);
    }

    /// <summary>
    /// The feed's endpoints: the service document, $metadata, $batch, POST .../$query, and every resource by GET or
    /// HEAD; other methods are refused (the feed is read-only). Every answer under /odata says OData-Version 4.0.
    /// </summary>
    public static WebApplication MapFeed(this WebApplication app)
    {
        app.UseWhen(context => FeedRoute.IsFeed(context.Request), feed => feed.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers.TryAdd("OData-Version", "4.0");
                return Task.CompletedTask;
            });
            return next(context);
        }));

        string[] reads = [HttpMethods.Get, HttpMethods.Head];
        var prefix = "/" + FeedRoute.Prefix;
        app.MapMethods(prefix, reads, FeedEndpoints.ServiceDocumentAsync);
        app.MapMethods(prefix + "/$metadata", reads, FeedEndpoints.MetadataAsync);
        app.MapPost(prefix + "/$batch", BatchEndpoint.PostAsync);
        app.MapMethods(prefix + "/$batch", [HttpMethods.Get, HttpMethods.Head, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete], BatchEndpoint.MethodNotAllowedAsync);
        app.MapMethods(prefix + "/{**path}", reads, FeedEndpoints.GetAsync);
        app.MapPost(prefix + "/{**path}", FeedEndpoints.PostAsync);
        app.MapMethods(prefix + "/{**path}", [HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete, HttpMethods.Options, HttpMethods.Trace], FeedEndpoints.MethodNotAllowedAsync);
        return app;
    }
}
