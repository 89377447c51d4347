namespace Observatory.Warehouse.Loading;

/// <summary>Writes batches of one table's rows into the staging warehouse, encoding each value for its provider.</summary>
internal interface ITableWriter : IAsyncDisposable
{
    void Write(RowBatch batch);

    /// <summary>Ends the table's stream; rows are durable in staging once this returns.</summary>
    Task CompleteAsync(CancellationToken cancellationToken);
}
