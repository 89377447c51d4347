using Microsoft.Extensions.Primitives;
using Observatory.Api.Feed.Writing;

namespace Observatory.Api.Security;

/// <summary>
/// The 401 answer: an OData error, and <c>WWW-Authenticate</c> naming each way in. The Bearer challenge carries the
/// Entra ID authorization endpoint and the resource, which is what makes Power BI Desktop and Excel offer
/// "Organizational account" for the feed.
/// </summary>
public sealed class Challenges
{
    private readonly StringValues _headers;

    public Challenges(IConfiguration configuration)
    {
        var entra = configuration.GetSection(SecurityOptions.EntraSection);
        List<string> headers = [];
        if (!string.IsNullOrWhiteSpace(entra["ClientId"]))
        {
            var instance = (entra["Instance"] is { Length: > 0 } configured ? configured : "https://login.microsoftonline.com/").TrimEnd('/');
            var resource = entra["Audience"] is { Length: > 0 } audience ? audience : $"api://{entra["ClientId"]}";
            headers.Add($"Bearer realm=\"\", authorization_uri=\"{instance}/{entra["TenantId"]}/oauth2/authorize\", resource_id=\"{resource}\"");
        }

        headers.Add($"ApiKey realm=\"Observatory\", header=\"{ApiKeyAuthentication.Header}\", query=\"{ApiKeyAuthentication.QueryParameter}\"");
        _headers = new StringValues([.. headers]);
    }

    public Task WriteAsync(HttpContext context, string message)
    {
        context.Response.Headers.WWWAuthenticate = _headers;
        return FeedErrors.WriteAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized", message);
    }
}
