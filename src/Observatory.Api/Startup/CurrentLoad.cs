using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Observatory.Warehouse;
using Observatory.Warehouse.Infrastructure;

namespace Observatory.Api.Startup;

/// <summary>
/// What the live warehouse holds, re-read when a new load is published while the host runs. A load replaces the
/// SQLite file by renaming a new one over it: pooled connections still hold the old file open, so they are
/// cleared as soon as the file changes. On PostgreSQL the swapped schema is found by name on the next query.
/// </summary>
public sealed class CurrentLoad(WarehouseOptions options) : IDisposable
{
    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (DateTime Written, long Length) _file;
    private DateTime _checked = DateTime.MinValue;
    private Snapshot _snapshot = new(null, null);

    /// <param name="IsSynthetic">True for generated data; null when no load record exists.</param>
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
        if (options.Provider == WarehouseProvider.Sqlite)
        {
            var info = new FileInfo(options.SqliteFilePath);
            var file = info.Exists ? (info.LastWriteTimeUtc, info.Length) : default;
            if (file == _file && _snapshot.IsSynthetic is not null)
            {
                return;
            }

            if (_file != default)
            {
                SqliteConnection.ClearAllPools();
            }

            _file = file;
        }

        try
        {
            await using var warehouse = WarehouseContextFactory.Create(options);
            var load = await warehouse.WarehouseLoads.OrderByDescending(l => l.LoadId)
                .Select(l => new { l.IsSynthetic, l.LoadId }).FirstOrDefaultAsync(cancellationToken);
            _snapshot = new Snapshot(load?.IsSynthetic, load?.LoadId);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            // The header says 'unknown' until the warehouse can be read; the request itself reports the failure.
            _snapshot = new Snapshot(null, null);
        }
    }
}
