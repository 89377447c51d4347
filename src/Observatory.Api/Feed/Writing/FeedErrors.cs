using System.Text.Json;

namespace Observatory.Api.Feed.Writing;

/// <summary>The feed's error body (JSON Format 21): OData JSON with a code and a message a person can act on, never internals.</summary>
public static class FeedErrors
{
    public const string ContentType = "application/json;odata.metadata=minimal";

    // Messages quote URLs and literals: keep their quotes and ampersands readable (the body is JSON, never HTML).
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task WriteAsync(HttpContext context, int status, string code, string message, TimeSpan? retryAfter = null)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = ContentType;
        response.Headers["OData-Version"] = "4.0";
        response.Headers.ContentLanguage = "en";
        if (retryAfter is { } wait)
        {
            response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        await JsonSerializer.SerializeAsync(response.Body, new { error = new { code, message } }, Json, CancellationToken.None);
    }

    /// <summary>
    /// Runs a page's answer (a report, a dashboard): a request refused with a <see cref="Parsing.FeedRequestException"/>
    /// answers its error, and a warehouse that cannot be read answers 503 with Retry-After, never an empty page.
    /// </summary>
    public static async Task AnswerAsync(HttpContext context, Warehouse.Providers.WarehouseDatabase database, Func<Task> answer)
    {
        try
        {
            await answer();
        }
        catch (Parsing.FeedRequestException e)
        {
            await WriteAsync(context, e.Status, e.Code, e.Message);
        }
        catch (Exception e) when (!context.Response.HasStarted && database.ClassifyWithin(e) is Warehouse.Providers.WarehouseUnavailableException unavailable)
        {
            await WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "WarehouseUnavailable", unavailable.Message, unavailable.RetryAfter);
        }
    }
}
