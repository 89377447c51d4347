using System.Collections.Concurrent;

namespace Observatory.Warehouse.Loading;

/// <summary>Live counters of a load, safe to read from another thread (a progress bar polls them).</summary>
public sealed class LoadProgress
{
    private readonly ConcurrentDictionary<string, long> _rows = new();
    private volatile string _stage = "Waiting";

    public string Stage => _stage;

    public IReadOnlyDictionary<string, long> RowsWritten => _rows;

    public long TotalRows => _rows.Values.Sum();

    internal void EnterStage(string stage) => _stage = stage;

    internal void AddRows(string table, int count) => _rows.AddOrUpdate(table, count, (_, n) => n + count);
}
