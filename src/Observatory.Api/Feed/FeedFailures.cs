using Microsoft.OData;
using Observatory.Api.Feed.Parsing;
using Observatory.Api.Feed.Running;
using Observatory.Query;
using Observatory.Warehouse.Providers;

namespace Observatory.Api.Feed;

/// <summary>
/// What the feed answers for each way a request can fail before its response starts: 4xx for the request's faults
/// (the message says what to change), 501 for valid OData the feed does not implement, 503 with Retry-After when the
/// warehouse cannot answer. Anything else is a defect, answered 500 by the host's error handler.
/// </summary>
public static class FeedFailures
{
    public sealed record Answer(int Status, string Code, string Message, TimeSpan? RetryAfter = null);

    public static Answer? For(Exception failure) => failure switch
    {
        FeedRequestException e => new(e.Status, e.Code, e.Message),
        QueryException { Fault: QueryFault.Forbidden } e => new(StatusCodes.Status403Forbidden, "Forbidden", e.Message),
        QueryException { Fault: QueryFault.NotImplemented } e => new(StatusCodes.Status501NotImplemented, "NotImplemented", e.Message),
        QueryException e => new(StatusCodes.Status400BadRequest, "BadRequest", e.Message),
        ODataException e => new(StatusCodes.Status400BadRequest, "BadRequest", e.Message),
        QueryRejectedException e => new(StatusCodes.Status400BadRequest, "QueryRejected", e.Message),
        QueryTimeoutException e => new(StatusCodes.Status503ServiceUnavailable, "QueryTimeout",
            $"{e.Message} Narrow it with $filter, or try again when the service is less busy.", TimeSpan.FromSeconds(30)),
        WarehouseUnavailableException e => new(StatusCodes.Status503ServiceUnavailable, "WarehouseUnavailable", e.Message, e.RetryAfter),
        _ => null,
    };
}
