using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.OData;
using Microsoft.AspNetCore.OData.Batch;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Observatory.Api.Feed;
using Observatory.Api.Feed.Rows;

namespace Observatory.Api.Extensions;

public static class FeedExtensions
{
    /// <summary>The OData v4 feed at /odata over every fact and dimension.</summary>
    public static IHostApplicationBuilder AddFeed(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<FeedLimits>().BindConfiguration("Feed");
        builder.Services.AddSingleton<IDisclosurePolicy, ConfiguredDisclosure>();
        builder.Services.AddSingleton<IRowPolicy, CallerRows>();
        builder.Services.AddScoped<FeedRows>();

        var sets = new WarehouseSetControllers();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IApplicationModelProvider>(sets));
        builder.Services
            .AddControllers()
            .ConfigureApplicationPartManager(parts => parts.FeatureProviders.Add(sets))
            .AddOData((options, services) =>
            {
                var limits = services.GetRequiredService<IOptions<FeedLimits>>().Value;
                var batches = new DefaultODataBatchHandler();
                batches.MessageQuotas.MaxPartsPerBatch = limits.MaxBatchParts;
                batches.MessageQuotas.MaxOperationsPerChangeset = limits.MaxBatchParts;
                batches.MessageQuotas.MaxNestingDepth = 2;
                options
                    .Select().Filter().OrderBy().Expand().Count().SkipToken()
                    // $top is bounded per request by the 'Feed' limits.
                    .SetMaxTop(null)
                    .AddRouteComponents(FeedModel.RoutePrefix, FeedModel.Build(limits.PageSize), batches);
            });

        // Long queries are welcome in POST .../$query; the request line itself has room for the feed's URL limit.
        builder.Services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestLineSize = 64 * 1024);
        return builder;
    }

    /// <summary>
    /// The feed's request pipeline, in order: the URL limit on what was sent, POST .../$query turned into a query,
    /// $batch split into its parts (each part then passes through everything after it), the query-option rules,
    /// and routing to the entity-set controllers.
    /// </summary>
    public static WebApplication UseFeed(this WebApplication app)
    {
        // A misconfigured disclosure level stops the start, rather than the first request for indicator values.
        _ = app.Services.GetRequiredService<IDisclosurePolicy>();
        app.UseFeedUrlLimit();
        app.UseODataQueryRequest();
        app.UseODataBatching();
        app.UseFeedQueryRules();
        app.UseRouting();
        return app;
    }
}
