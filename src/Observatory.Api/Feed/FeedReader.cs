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
/// is a plain read (filter, select, dimension expands, order, paging). A query that does not even parse is also
/// answered here, so its error is the feed's.
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
        var options = (ODataQueryOptions)Activator.CreateInstance(typeof(ODataQueryOptions<>).MakeGenericType(entity), queryContext, request)!;
        if (!IsPlainRead(options))
        {
            return false;
        }

        result = (IActionResult)Activator.CreateInstance(typeof(EntitySetResult<>).MakeGenericType(entity), options)!;
        return true;
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
