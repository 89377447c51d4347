namespace Observatory.Api.Feed.Parsing;

/// <summary>A request the feed answers with an error before running anything; the message says what to change.</summary>
public sealed class FeedRequestException(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    public static FeedRequestException BadRequest(string message) => new(StatusCodes.Status400BadRequest, "BadRequest", message);

    public static FeedRequestException NotAcceptable(string message) => new(StatusCodes.Status406NotAcceptable, "NotAcceptable", message);
}
