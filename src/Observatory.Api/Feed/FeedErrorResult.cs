using Microsoft.AspNetCore.Mvc;
using Observatory.Api.Feed.Writing;

namespace Observatory.Api.Feed;

/// <summary>An OData error answer from an action or filter.</summary>
public sealed class FeedErrorResult(int status, string code, string message) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context) => FeedErrors.WriteAsync(context.HttpContext, status, code, message);
}
