using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Observatory.Warehouse.Loading;

/// <summary>
/// Buffers rows per table into fixed-size batches and hands them to one writer thread through a bounded queue,
/// so generating and writing overlap on two cores while memory stays bounded by the queue.
/// </summary>
internal sealed class WarehouseSink(ILoadTarget target, IModel model, LoadProgress progress, CancellationToken cancellationToken)
    : IWarehouseSink, IDisposable
{
    internal const int BatchSize = 4096;
    private const int QueuedBatches = 16;

    private readonly BlockingCollection<IPendingBatch> _queue = new(QueuedBatches);
    private readonly Dictionary<Type, ITableBuffer> _tables = [];

    public ITableSink<T> Table<T>() where T : class
    {
        if (!_tables.TryGetValue(typeof(T), out var table))
        {
            table = new TableBuffer<T>(this, TableMapping<T>.From(model));
            _tables.Add(typeof(T), table);
        }

        return (TableBuffer<T>)table;
    }

    /// <summary>Runs on the writer thread until the producer completes, writing batches in arrival order.</summary>
    public void DrainQueue()
    {
        foreach (var batch in _queue.GetConsumingEnumerable(cancellationToken))
        {
            batch.Write();
        }
    }

    /// <summary>Flushes partial batches and tells the writer thread no more are coming.</summary>
    public void CompleteAdding()
    {
        foreach (var table in _tables.Values)
        {
            table.Flush();
        }

        _queue.CompleteAdding();
    }

    public async Task CompleteTablesAsync(CancellationToken token)
    {
        foreach (var table in _tables.Values)
        {
            await table.CompleteAsync(token);
        }
    }

    public async ValueTask DisposeWritersAsync()
    {
        foreach (var table in _tables.Values)
        {
            await table.DisposeAsync();
        }
    }

    public void Dispose() => _queue.Dispose();

    private void Enqueue(IPendingBatch batch) => _queue.Add(batch, cancellationToken);

    private interface IPendingBatch
    {
        void Write();
    }

    private interface ITableBuffer : IAsyncDisposable
    {
        void Flush();

        Task CompleteAsync(CancellationToken token);
    }

    private sealed class TableBuffer<T>(WarehouseSink sink, TableMapping<T> mapping) : ITableSink<T>, ITableBuffer
    {
        private readonly ConcurrentBag<T[]> _spareArrays = [];
        private T[] _rows = new T[BatchSize];
        private int _count;
        private ITableWriter<T>? _writer;

        public void Add(T row)
        {
            _rows[_count++] = row;
            if (_count == BatchSize)
            {
                Flush();
            }
        }

        public void Flush()
        {
            if (_count == 0)
            {
                return;
            }

            sink.Enqueue(new Batch(this, _rows, _count));
            _rows = _spareArrays.TryTake(out var spare) ? spare : new T[BatchSize];
            _count = 0;
        }

        public Task CompleteAsync(CancellationToken token) => _writer?.CompleteAsync(token) ?? Task.CompletedTask;

        public ValueTask DisposeAsync() => _writer?.DisposeAsync() ?? ValueTask.CompletedTask;

        // Writer thread only: the writer is created there so a provider connection is never used from two threads.
        private void Write(T[] rows, int count)
        {
            _writer ??= sink.CreateWriter(mapping);
            _writer.Write(rows.AsSpan(0, count));
            sink.ReportRows(mapping.Table, count);
            Array.Clear(rows, 0, count);
            _spareArrays.Add(rows);
        }

        private sealed class Batch(TableBuffer<T> table, T[] rows, int count) : IPendingBatch
        {
            public void Write() => table.Write(rows, count);
        }
    }

    private ITableWriter<T> CreateWriter<T>(TableMapping<T> mapping) => target.CreateWriter(mapping);

    private void ReportRows(string table, int count) => progress.AddRows(table, count);
}
