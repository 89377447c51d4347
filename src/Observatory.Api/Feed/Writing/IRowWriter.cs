namespace Observatory.Api.Feed.Writing;

/// <summary>Streams result rows, read straight from the database, into a response format.</summary>
public interface IRowWriter : IAsyncDisposable
{
    string ContentType { get; }

    Task StartAsync(string contextUrl, long? count, CancellationToken cancellationToken);

    /// <summary>Writes the source's current row.</summary>
    ValueTask WriteRowAsync(IRowSource row, CancellationToken cancellationToken);

    Task EndAsync(string? nextLink, CancellationToken cancellationToken);
}
