using Observatory.Warehouse.Providers;

namespace Observatory.Api.Feed.Writing;

/// <summary>Streams the rows of a result, read straight from the database, into a response format.</summary>
public interface IRowWriter : IAsyncDisposable
{
    Task StartAsync(long? count, CancellationToken cancellationToken);

    /// <summary>Writes the reader's current row.</summary>
    ValueTask WriteRowAsync(IRowReader row, CancellationToken cancellationToken);

    Task EndAsync(string? nextLink, CancellationToken cancellationToken);
}
