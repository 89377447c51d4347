using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.OData.Extensions;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.OData;
using Microsoft.OData.UriParser;
using Observatory.Api.Feed.Reading;

namespace Observatory.Api.Feed;

/// <summary>
/// Decides which reads the feed answers itself: a request for an entity set (not a key, not $count) whose query
/// is a plain read (filter, select, dimension expands, order, paging) or a $apply of a supported shape. A plain
/// query that does not even parse is also answered here, so its error is the feed's.
/// </summary>
public static class FeedReader
{
    public static bool TryCreate(ActionExecutingContext context, out IActionResult? result)
    {
        result = null;
        var request = context.HttpContext.Request;
        var feature = request.ODataFeature();
        if (!HttpMethods.IsGet(request.Method) || feature.Path?.LastSegment is not EntitySetSegment ||
            context.Controller.GetType().GetGenericArguments() is not [var entity])
        {
            return false;
        }

        var queryContext = new ODataQueryContext(request.GetModel(), entity, feature.Path);
        ODataQueryOptions options;
        try
        {
            options = (ODataQueryOptions)Activator.CreateInstance(typeof(ODataQueryOptions<>).MakeGenericType(entity), queryContext, request)!;
        }
        catch (System.Reflection.TargetInvocationException e) when (e.InnerException is ODataException or ArgumentException)
        {
            result = new FeedErrorResult(StatusCodes.Status400BadRequest, "BadRequest", e.InnerException.Message);
            return true;
        }
        var answer = IsPlainRead(options) ? typeof(EntitySetResult<>) : IsSupportedApply(options) ? typeof(ApplyResult<>) : null;
        if (answer is null)
        {
            return false;
        }

        result = (IActionResult)Activator.CreateInstance(answer.MakeGenericType(entity), options)!;
        return true;
    }

    /// <summary>A $apply of a shape the feed translates itself, with no $filter, $compute or $search after it.</summary>
    private static bool IsSupportedApply(ODataQueryOptions options)
    {
        try
        {
            return options.Apply is not null && options.Filter is null && options.Compute is null && options.Search is null &&
                   ApplyTranslation.Supports(options.Apply.ApplyClause);
        }
        catch (ODataException)
        {
            return false;
        }
    }

    private static bool IsPlainRead(ODataQueryOptions options)
    {
        try
        {
            return options.Apply is null && options.Compute is null && options.Search is null &&
                   Projection.IsSimple(options.SelectExpand?.SelectExpandClause);
        }
        catch (ODataException)
        {
            return true;
        }
    }
}
