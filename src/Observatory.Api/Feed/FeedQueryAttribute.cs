using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.Extensions.Options;
using Microsoft.OData;

namespace Observatory.Api.Feed;

/// <summary>
/// <see cref="EnableQueryAttribute"/> with the feed's limits, whose query errors say what is wrong with the
/// query and nothing about the server (the library's own error carries exception types and stack traces).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class FeedQueryAttribute : EnableQueryAttribute
{
    /// <summary>The filter functions that translate to SQL on both providers (and that $metadata lists).</summary>
    private const AllowedFunctions TranslatableFunctions =
        AllowedFunctions.Contains | AllowedFunctions.StartsWith | AllowedFunctions.EndsWith | AllowedFunctions.Length |
        AllowedFunctions.IndexOf | AllowedFunctions.Substring | AllowedFunctions.ToLower | AllowedFunctions.ToUpper |
        AllowedFunctions.Trim | AllowedFunctions.Concat | AllowedFunctions.Year | AllowedFunctions.Month |
        AllowedFunctions.Day | AllowedFunctions.Round | AllowedFunctions.Floor | AllowedFunctions.Ceiling;

    public override void OnActionExecuting(ActionExecutingContext actionExecutingContext)
    {
        if (FeedReader.TryCreate(actionExecutingContext, out var answer))
        {
            actionExecutingContext.Result = answer;
            return;
        }

        ApplyLimits(actionExecutingContext);
        base.OnActionExecuting(actionExecutingContext);
        actionExecutingContext.Result = Clean(actionExecutingContext.Result);
    }

    public override void OnActionExecuted(ActionExecutedContext actionExecutedContext)
    {
        base.OnActionExecuted(actionExecutedContext);
        actionExecutedContext.Result = Clean(actionExecutedContext.Result);
    }

    private volatile bool _limitsApplied;

    // The attribute instance is shared by every request to its action; the limits are configuration, set once.
    private void ApplyLimits(ActionExecutingContext context)
    {
        if (_limitsApplied)
        {
            return;
        }

        var limits = context.HttpContext.RequestServices.GetRequiredService<IOptions<FeedLimits>>().Value;
        AllowedFunctions = TranslatableFunctions;
        // Aggregates of timestamps cannot be written as OData values: such sets (the load record) are not for $apply.
        var entity = context.Controller.GetType().GetGenericArguments().FirstOrDefault();
        if (entity?.GetProperties().Any(p => p.PropertyType == typeof(DateTime)) == true)
        {
            AllowedQueryOptions = AllowedQueryOptions.Supported & ~AllowedQueryOptions.Apply;
        }

        PageSize = limits.PageSize;
        MaxTop = limits.MaxTop;
        MaxExpansionDepth = limits.MaxExpansionDepth;
        MaxNodeCount = limits.MaxNodeCount;
        MaxAnyAllExpressionDepth = limits.MaxAnyAllExpressionDepth;
        _limitsApplied = true;
    }

    /// <summary>
    /// The library writes its answer while it still evaluates the query, so a failure half-way would cut a 200
    /// short. Its answers (keys, $count, the rarer query shapes) are small: they are written to a buffer first,
    /// and a failure becomes a clean error instead. The feed's own streamed answers pass straight through.
    /// </summary>
    public override async Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
    {
        if (context.Result is Reading.FeedResult or FeedErrorResult)
        {
            await next();
            return;
        }

        var response = context.HttpContext.Response;
        var body = response.Body;
        await using var buffer = new MemoryStream();
        response.Body = buffer;
        try
        {
            var executed = await next();
            if (executed.Exception is { } failure && !executed.ExceptionHandled && IsRequestFault(failure))
            {
                executed.ExceptionHandled = true;
                response.Body = body;
                response.Clear();
                await Writing.FeedErrors.WriteAsync(context.HttpContext, StatusCodes.Status400BadRequest, "BadRequest", Message(failure));
                return;
            }
        }
        catch (Exception failure) when (IsRequestFault(failure))
        {
            response.Body = body;
            response.Clear();
            await Writing.FeedErrors.WriteAsync(context.HttpContext, StatusCodes.Status400BadRequest, "BadRequest", Message(failure));
            return;
        }
        finally
        {
            response.Body = body;
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(body, context.HttpContext.RequestAborted);
    }

    // What the library raises for a query it cannot bind or run: a fault of the request, described without internals.
    private static bool IsRequestFault(Exception failure) =>
        failure is ODataException or NotSupportedException or InvalidOperationException or ArgumentException;

    private static string Message(Exception failure) => failure is ODataException or NotSupportedException
        ? failure.Message
        : "The query cannot be run as written. Simplify it, or give every parameter alias a value.";

    private static IActionResult? Clean(IActionResult? result) =>
        result is BadRequestObjectResult { Value: SerializableError error }
            ? new BadRequestObjectResult(new ODataError
            {
                Code = "BadRequest",
                Message = error.TryGetValue("Message", out var message) ? message as string : "The query is not valid.",
            })
            : result;
}
