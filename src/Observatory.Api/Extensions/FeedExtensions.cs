using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.OData;
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
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<IRowPolicy, AllRows>();
        builder.Services.AddScoped<FeedRows>();

        var sets = new WarehouseSetControllers();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IApplicationModelProvider>(sets));
        builder.Services
            .AddControllers()
            .ConfigureApplicationPartManager(parts => parts.FeatureProviders.Add(sets))
            .AddOData((options, services) => options
                .Select().Filter().OrderBy().Expand().Count().SkipToken()
                // $top is bounded per request by FeedQueryAttribute from the 'Feed' limits.
                .SetMaxTop(null)
                .AddRouteComponents(FeedModel.RoutePrefix,
                    FeedModel.Build(services.GetRequiredService<IOptions<FeedLimits>>().Value.PageSize)));
        return builder;
    }
}
