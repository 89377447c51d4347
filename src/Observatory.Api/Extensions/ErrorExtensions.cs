using Microsoft.AspNetCore.Diagnostics;
using Observatory.Access.Store;
using Observatory.Api.Feed;
using Observatory.Api.Feed.Writing;
using Observatory.Warehouse.Providers;

namespace Observatory.Api.Extensions;

public static class ErrorExtensions
{
    /// <summary>
    /// Any failure that escapes a handler is answered with an OData error body that reveals nothing about the server
    /// (no exception type, stack trace or SQL, in any environment): 503 with Retry-After when the warehouse could not
    /// answer, 500 with a reference to quote otherwise (logged in full). Bodiless errors (404, 405) get one too.
    /// </summary>
    public static WebApplication UseErrors(this WebApplication app)
    {
        app.UseExceptionHandler(handler => handler.Run(async context =>
        {
            var failure = context.Features.Get<IExceptionHandlerFeature>()?.Error;
            switch (failure)
            {
                case OperationCanceledException when context.RequestAborted.IsCancellationRequested:
                    context.Response.StatusCode = 499;
                    return;
                case WarehouseUnavailableException unavailable:
                    await FeedErrors.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "WarehouseUnavailable", unavailable.Message, unavailable.RetryAfter);
                    return;
                case ServiceStoreUnavailableException store:
                    context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Observatory.Access")
                        .LogWarning("The service store cannot be read: {Detail}", store.Detail);
                    await FeedErrors.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "ServiceStoreUnavailable", store.Message, ServiceStoreUnavailableException.RetryAfter);
                    return;
                case BadHttpRequestException bad:
                    // The server's own refusals (a body over the size limit, a malformed request): their status, in JSON.
                    await FeedErrors.WriteAsync(context, bad.StatusCode, ReasonCode(bad.StatusCode), bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                        ? "The request's body is larger than this service accepts (Security:MaxRequestBodyBytes)."
                        : "The request could not be read as HTTP.");
                    return;
                case not null when context.RequestServices.GetRequiredService<WarehouseDatabase>().ClassifyWithin(failure) is WarehouseUnavailableException wrapped:
                    // A database failure inside another exception (EF Core wraps a server that went away).
                    await FeedErrors.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "WarehouseUnavailable", wrapped.Message, wrapped.RetryAfter);
                    return;
                default:
                    await FeedErrors.WriteAsync(context, StatusCodes.Status500InternalServerError, "InternalError",
                        $"The server could not answer this request. Quote reference {context.TraceIdentifier} when reporting it.");
                    return;
            }
        }));
        app.UseStatusCodePages(async status =>
        {
            var context = status.HttpContext;
            if (context.Response.ContentLength is null && string.IsNullOrEmpty(context.Response.ContentType))
            {
                var code = context.Response.StatusCode;
                await FeedErrors.WriteAsync(context, code, code == StatusCodes.Status404NotFound ? "NotFound" : ReasonCode(code),
                    code == StatusCodes.Status404NotFound
                        ? $"Nothing is at {context.Request.Path}. The feed's entity sets are listed at /{FeedRoute.Prefix}."
                        : $"The request could not be answered (HTTP {code}).");
            }
        });
        return app;
    }

    private static string ReasonCode(int status) =>
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status).Replace(" ", "", StringComparison.Ordinal) is { Length: > 0 } name ? name : "Error";
}
