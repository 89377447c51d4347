using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Observatory.Api.Extensions;

public static class FeedErrorExtensions
{
    /// <summary>
    /// Any unhandled failure is logged in full and answered with an OData error body that reveals nothing about
    /// the server: no exception type, stack trace or SQL, in any environment.
    /// </summary>
    public static WebApplication UseFeedErrors(this WebApplication app)
    {
        app.UseExceptionHandler(handler => handler.Run(async context =>
        {
            var failure = context.Features.Get<IExceptionHandlerFeature>()?.Error;
            while (failure is System.Reflection.TargetInvocationException { InnerException: { } inner })
            {
                failure = inner;
            }

            var (status, code, message) = failure switch
            {
                OperationCanceledException when context.RequestAborted.IsCancellationRequested =>
                    (499, "ClientClosedRequest", "The request was cancelled."),
                // The OData library found the request itself at fault: its message describes the query, not the server.
                Microsoft.OData.ODataException odata => (StatusCodes.Status400BadRequest, "BadRequest", odata.Message),
                _ => (StatusCodes.Status500InternalServerError, "InternalError",
                    $"The server could not answer this request. Quote reference {context.TraceIdentifier} when reporting it."),
            };
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json; odata.metadata=minimal";
            await JsonSerializer.SerializeAsync(context.Response.Body, new { error = new { code, message } });
        }));
        app.UseStatusCodePages(async status =>
        {
            var response = status.HttpContext.Response;
            if (response.ContentLength is null && string.IsNullOrEmpty(response.ContentType))
            {
                response.ContentType = "application/json; odata.metadata=minimal";
                await JsonSerializer.SerializeAsync(response.Body, new
                {
                    error = new
                    {
                        code = response.StatusCode == StatusCodes.Status404NotFound ? "NotFound" : $"Status{response.StatusCode}",
                        message = response.StatusCode == StatusCodes.Status404NotFound
                            ? $"No resource at {status.HttpContext.Request.Path}. The feed's entity sets are listed at /odata."
                            : $"The request could not be answered (HTTP {response.StatusCode}).",
                    },
                });
            }
        });
        return app;
    }
}
