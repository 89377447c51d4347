using Observatory.Warehouse.Model;

namespace Observatory.Warehouse.Loading;

/// <summary>Something that can fill a warehouse: the synthetic generator now, national extracts later.</summary>
public interface IWarehouseSource
{
    /// <summary>What the load is (source, seed, scale, period); the loader fills in timings and counts.</summary>
    WarehouseLoad Describe();

    /// <summary>Expected rows per table, for progress reporting; need not be exact.</summary>
    IReadOnlyDictionary<string, long> EstimateRows();

    /// <summary>
    /// Streams every dimension and fact row into the sink. Called once, on one thread. Rows that others refer to
    /// come first (dimensions before facts, a referral before its appointments): every foreign key is checked as
    /// its row arrives.
    /// </summary>
    void WriteTo(IWarehouseSink sink, CancellationToken cancellationToken);
}

/// <summary>Where a source streams its rows. Rows are handed on in batches; none is kept after it is written.</summary>
public interface IWarehouseSink
{
    ITableSink<T> Table<T>() where T : class;
}

public interface ITableSink<in T>
{
    void Add(T row);
}
