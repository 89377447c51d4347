using System.Text.Json;

namespace Observatory.Api.Feed.Writing;

/// <summary>The feed's error body: OData JSON with a code and a message a person can act on, never internals.</summary>
public static class FeedErrors
{
    public const string ContentType = "application/json; odata.metadata=minimal; charset=utf-8";

    public static async Task WriteAsync(HttpContext context, int status, string code, string message, TimeSpan? retryAfter = null)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = ContentType;
        response.Headers["OData-Version"] = "4.0";
        if (retryAfter is { } wait)
        {
            response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await JsonSerializer.SerializeAsync(response.Body, new { error = new { code, message } }, cancellationToken: CancellationToken.None);
    }
}
