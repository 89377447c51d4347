using Microsoft.Extensions.Options;
using Observatory.Api.Feed.Writing;

namespace Observatory.Api.Feed;

/// <summary>
/// Refuses, with an OData error that names the rule, what the feed does not do rather than silently ignoring it:
/// URLs past the length limit (send them with POST .../$query), unknown or repeated system query options,
/// $search, and formats other than JSON and CSV.
/// </summary>
public static class FeedRequestGuard
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "$filter", "$select", "$expand", "$orderby", "$top", "$skip", "$count", "$apply", "$compute", "$format", "$skiptoken",
    };

    /// <summary>Checks the URL as sent, before a POST .../$query body is turned into its query string.</summary>
    public static IApplicationBuilder UseFeedUrlLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var limits = context.RequestServices.GetRequiredService<IOptions<FeedLimits>>().Value;
        var length = context.Request.Path.Value?.Length + context.Request.QueryString.Value?.Length ?? 0;
        if (IsFeed(context) && length > limits.MaxUrlLength)
        {
            await FeedErrors.WriteAsync(context, StatusCodes.Status414UriTooLong, "UrlTooLong",
                $"The URL is {length:N0} characters; the limit is {limits.MaxUrlLength:N0}. Send long queries in the body of POST {context.Request.Path}/$query.");
            return;
        }

        await next(context);
    });

    /// <summary>Checks the query options, whichever way they arrived.</summary>
    public static IApplicationBuilder UseFeedQueryRules(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (IsFeed(context) && Refusal(context.Request) is { } message)
        {
            await FeedErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "UnsupportedQuery", message);
            return;
        }

        await next(context);
    });

    private static bool IsFeed(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/" + FeedModel.RoutePrefix, StringComparison.OrdinalIgnoreCase);

    private static string? Refusal(HttpRequest request)
    {
        var metadata = request.Path.Value?.EndsWith("/$metadata", StringComparison.Ordinal) == true;
        foreach (var (name, values) in request.Query)
        {
            if (!name.StartsWith('$'))
            {
                continue;
            }

            if (name == "$search")
            {
                return "$search is not supported: the warehouse holds codes and figures, not text to search. Use $filter.";
            }

            if (!Known.Contains(name))
            {
                return $"'{name}' is not a system query option this feed supports. Supported: {string.Join(", ", Known)}.";
            }

            if (values.Count > 1)
            {
                return $"'{name}' appears {values.Count} times; give each query option once.";
            }

            if (string.IsNullOrWhiteSpace(values.ToString()))
            {
                return $"'{name}' has no value; give it one or leave it out.";
            }

            if (name == "$format" && !IsSupportedFormat(values.ToString(), metadata))
            {
                return metadata
                    ? $"$format '{values}' is not available for $metadata: use xml or application/json."
                    : $"$format '{values}' is not supported: use json or csv.";
            }
        }

        return null;
    }

    private static bool IsSupportedFormat(string format, bool metadata)
    {
        var type = format.Split(';')[0].Trim();
        return metadata
            ? type is "xml" or "application/xml" or "json" or "application/json"
            : type is "json" or "application/json" or "csv" or "text/csv";
    }
}
