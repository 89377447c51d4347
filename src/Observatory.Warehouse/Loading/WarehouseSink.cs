using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore.Metadata;
using Observatory.Warehouse.Infrastructure;
using Observatory.Warehouse.Model;

namespace Observatory.Warehouse.Loading;

/// <summary>
/// Encodes rows per table into fixed-size <see cref="RowBatch"/>es and hands them to one writer thread through
/// a bounded queue, so generating and writing overlap on two cores while memory stays bounded by the queue.
/// </summary>
internal sealed class WarehouseSink(ILoadTarget target, IModel model, RecordKeys recordKeys, LoadProgress progress, CancellationToken cancellationToken)
    : IWarehouseSink, IDisposable
{
    internal const int BatchRows = 4096;
    private const int QueuedBatches = 16;

    private readonly BlockingCollection<(TableBuffer Table, RowBatch Batch)> _queue = new(QueuedBatches);
    private readonly Dictionary<Type, TableBuffer> _tables = [];
    private readonly KeyGuard _keys = new(model);
    private readonly SummaryBuilder _summaries = new();

    public ITableSink<T> Table<T>() where T : class
    {
        if (!_tables.TryGetValue(typeof(T), out var table))
        {
            var mapping = TableMapping<T>.From(model);
            table = new TableBuffer<T>(this, mapping, _keys.For(mapping.Table, mapping.Columns), _summaries.Observe, recordKeys);
            _tables.Add(typeof(T), table);
        }

        return (TableBuffer<T>)table;
    }

    /// <summary>Runs on the writer thread until the producer completes, writing batches in arrival order.</summary>
    public void DrainQueue()
    {
        foreach (var (table, batch) in _queue.GetConsumingEnumerable(cancellationToken))
        {
            table.Write(batch);
        }
    }

    /// <summary>Writes the summaries of what passed, flushes partial batches and tells the writer thread no more are coming.</summary>
    public void CompleteAdding()
    {
        _summaries.WriteTo(this);
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

    private void Enqueue(TableBuffer table, RowBatch batch) => _queue.Add((table, batch), cancellationToken);

    private ITableWriter CreateWriter(string name, IReadOnlyList<string> columns) => target.CreateWriter(name, columns);

    private void ReportRows(string name, int rows) => progress.AddRows(name, rows);

    private abstract class TableBuffer(WarehouseSink sink, string name, IReadOnlyList<string> columns) : IAsyncDisposable
    {
        private readonly ConcurrentBag<RowBatch> _spare = [];
        private ITableWriter? _writer;

        protected RowBatch NewBatch() => _spare.TryTake(out var batch) ? batch : new RowBatch(columns.Count, BatchRows);

        protected void Enqueue(RowBatch batch) => sink.Enqueue(this, batch);

        public abstract void Flush();

        // Writer thread only: the writer is created there so a provider connection is never used from two threads.
        public void Write(RowBatch batch)
        {
            _writer ??= sink.CreateWriter(name, columns);
            _writer.Write(batch);
            sink.ReportRows(name, batch.Rows);
            batch.Clear();
            _spare.Add(batch);
        }

        public Task CompleteAsync(CancellationToken token) => _writer?.CompleteAsync(token) ?? Task.CompletedTask;

        public ValueTask DisposeAsync() => _writer?.DisposeAsync() ?? ValueTask.CompletedTask;
    }

    private sealed class TableBuffer<T> : TableBuffer, ITableSink<T>
    {
        private readonly TableMapping<T> _mapping;
        private readonly KeyGuard.TableKeys _keys;
        private readonly Action<T> _observe;
        private readonly RecordKeys? _recordKeys;
        private RowBatch _batch;
        private RowBatch.Recorder _recorder;

        public TableBuffer(WarehouseSink sink, TableMapping<T> mapping, KeyGuard.TableKeys keys, Action<T> observe, RecordKeys recordKeys)
            : base(sink, mapping.Table, mapping.Columns)
        {
            // Only fact rows carry record keys; the check is made once per table, not per row.
            _recordKeys = typeof(IKeyedRecord).IsAssignableFrom(typeof(T)) ? recordKeys : null;
            _mapping = mapping;
            _keys = keys;
            _observe = observe;
            _batch = NewBatch();
            _recorder = _batch.Record();
        }

        public void Add(T row)
        {
            if (_recordKeys is not null && row is IKeyedRecord keyed)
            {
                _recordKeys.Assign(keyed);
            }

            _mapping.WriteRow(row, _recorder);
            _keys.Check(_batch, (_batch.Rows - 1) * _batch.Columns);
            _observe(row);
            if (_batch.IsFull)
            {
                Flush();
            }
        }

        public override void Flush()
        {
            if (_batch.Rows == 0)
            {
                return;
            }

            Enqueue(_batch);
            _batch = NewBatch();
            _recorder = _batch.Record();
        }
    }
}
