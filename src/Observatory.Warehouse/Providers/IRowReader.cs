namespace Observatory.Warehouse.Providers;

/// <summary>
/// The rows of a running statement, read column by column by position. A read stops, and the statement with it,
/// when the token given to <see cref="WarehouseDatabase.ReadAsync"/> is cancelled.
/// </summary>
public interface IRowReader : IAsyncDisposable
{
    /// <summary>Moves to the next row; false when there is none.</summary>
    /// <exception cref="OperationCanceledException">The read was stopped.</exception>
    /// <exception cref="WarehouseUnavailableException">The database failed while the rows were read.</exception>
    ValueTask<bool> ReadAsync();

    bool IsNull(int column);

    long GetInt64(int column);

    double GetDouble(int column);

    string GetString(int column);

    /// <summary>A text column as UTF-8, valid until the next row.</summary>
    ReadOnlySpan<byte> GetUtf8(int column);

    object GetValue(int column);
}
