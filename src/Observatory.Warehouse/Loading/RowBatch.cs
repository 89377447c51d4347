namespace Observatory.Warehouse.Loading;

/// <summary>The kind of one stored value, which fixes how each provider encodes it.</summary>
internal enum ValueKind : byte
{
    Null,
    Int32,
    Int64,
    Double,
    Boolean,
    Text,
    Date,
    Timestamp,
}

/// <summary>
/// A batch of one table's rows as plain values: a kind and a 64-bit payload per cell (text aside). Rows are
/// encoded on the producing thread, so entity objects die young and the queue between the threads holds
/// only arrays of primitives, which the garbage collector never has to trace.
/// </summary>
internal sealed class RowBatch
{
    public RowBatch(int columns, int capacity)
    {
        Columns = columns;
        Capacity = capacity;
        Kinds = new ValueKind[columns * capacity];
        Values = new long[columns * capacity];
    }

    public int Columns { get; }
    public int Capacity { get; }
    public int Rows { get; private set; }
    public ValueKind[] Kinds { get; }

    /// <summary>Integers and booleans as themselves, doubles as their bits, dates as day numbers, timestamps as ticks.</summary>
    public long[] Values { get; }

    /// <summary>Text cells, by cell index (allocated only for tables with text columns).</summary>
    public string?[]? Texts { get; private set; }

    public bool IsFull => Rows == Capacity;

    public void Clear()
    {
        Rows = 0;
        if (Texts is not null)
        {
            Array.Clear(Texts);
        }
    }

    public Recorder Record() => new(this);

    /// <summary>Fills the next row's cells in column order (an <see cref="IRowWriter"/> for the table's mapping).</summary>
    internal sealed class Recorder(RowBatch batch) : IRowWriter
    {
        private int _cell;

        public void BeginRow() => _cell = batch.Rows * batch.Columns;

        public void EndRow() => batch.Rows++;

        public void Write(int value) => Set(ValueKind.Int32, value);

        public void Write(long value) => Set(ValueKind.Int64, value);

        public void Write(double value) => Set(ValueKind.Double, BitConverter.DoubleToInt64Bits(value));

        public void Write(bool value) => Set(ValueKind.Boolean, value ? 1 : 0);

        public void Write(DateOnly value) => Set(ValueKind.Date, value.DayNumber);

        public void Write(DateTime value) => Set(ValueKind.Timestamp, DateTime.SpecifyKind(value, DateTimeKind.Utc).Ticks);

        public void Write(string value)
        {
            batch.Texts ??= new string?[batch.Kinds.Length];
            batch.Texts[_cell] = value;
            Set(ValueKind.Text, 0);
        }

        public void WriteNull() => Set(ValueKind.Null, 0);

        private void Set(ValueKind kind, long value)
        {
            batch.Kinds[_cell] = kind;
            batch.Values[_cell++] = value;
        }
    }
}
