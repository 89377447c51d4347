using Microsoft.Data.Sqlite;
using Observatory.Warehouse;
using Observatory.Warehouse.Providers;

namespace Observatory.Api.Startup;

/// <summary>
/// What the live warehouse holds, re-read when a new load is published while the host runs. A load replaces the
/// SQLite file by renaming a new one over it: pooled connections still hold the old file open, so they are
/// cleared as soon as the file changes (also when it disappears or is replaced by something that is not a
/// warehouse, so that the host recovers by itself once the cause is gone). On PostgreSQL the swapped schema is
/// found by name on the next query. Read only: a missing warehouse is never created by looking for it.
/// </summary>
public sealed class CurrentLoad(WarehouseDatabase database) : IDisposable
{
    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(1);
    private static readonly SqlStatement LastLoad = new("SELECT \"IsSynthetic\", \"LoadId\" FROM \"WarehouseLoads\" ORDER BY \"LoadId\" DESC LIMIT 1", []);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (DateTime Written, long Length) _file;
    private DateTime _checked = DateTime.MinValue;
    private Snapshot _snapshot = new(null, null);

    /// <param name="IsSynthetic">True for generated data; null when no load record can be read.</param>
    /// <param name="LoadId">The load's identifier.</param>
    public sealed record Snapshot(bool? IsSynthetic, int? LoadId);

    public async Task<Snapshot> GetAsync(CancellationToken cancellationToken)
    {
        if (DateTime.UtcNow - _checked < CheckEvery)
        {
            return _snapshot;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (DateTime.UtcNow - _checked >= CheckEvery)
            {
                await RefreshAsync(cancellationToken);
                _checked = DateTime.UtcNow;
            }

            return _snapshot;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        if (database.Options.Provider == WarehouseProvider.Sqlite)
        {
            var info = new FileInfo(database.Options.SqliteFilePath);
            var file = info.Exists ? (info.LastWriteTimeUtc, info.Length) : default;
            if (file == _file && _snapshot.IsSynthetic is not null)
            {
                return;
            }

            if (file != _file)
            {
                SqliteConnection.ClearAllPools();
            }

            _file = file;
        }

        try
        {
            await using var connection = await database.OpenForReadingAsync(cancellationToken);
            await using var rows = await database.ReadAsync(connection, LastLoad, cancellationToken);
            _snapshot = await rows.ReadAsync() ? new Snapshot(rows.GetInt64(0) != 0, (int)rows.GetInt64(1)) : new Snapshot(null, null);
        }
        catch (WarehouseUnavailableException)
        {
            // The header says 'unknown' until the warehouse can be read; the request itself reports the failure.
            _snapshot = new Snapshot(null, null);
        }
    }
}
