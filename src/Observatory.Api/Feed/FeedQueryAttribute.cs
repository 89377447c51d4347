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

    private static IActionResult? Clean(IActionResult? result) =>
        result is BadRequestObjectResult { Value: SerializableError error }
            ? new BadRequestObjectResult(new ODataError
            {
                Code = "BadRequest",
                Message = error.TryGetValue("Message", out var message) ? message as string : "The query is not valid.",
            })
            : result;
}
