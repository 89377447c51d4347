namespace Observatory.Api.Feed.Batch;

/// <summary>One request of a $batch, as read from its body.</summary>
/// <param name="Id">The part's Content-ID (multipart) or id (JSON), echoed in its response.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Url">The request's URL, resolved against the feed's root.</param>
/// <param name="Headers">The part's own headers.</param>
/// <param name="Body">The part's body (for POST .../$query), or empty.</param>
public sealed record BatchOperation(string? Id, string Method, Uri Url, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body);
