namespace Observatory.Warehouse.Loading;

/// <summary>Writes batches of one table's rows into the staging warehouse.</summary>
public interface ITableWriter<T> : IAsyncDisposable
{
    void Write(ReadOnlySpan<T> rows);

    /// <summary>Ends the table's stream; rows are durable in staging once this returns.</summary>
    Task CompleteAsync(CancellationToken cancellationToken);
}
