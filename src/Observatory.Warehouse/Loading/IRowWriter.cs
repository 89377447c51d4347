namespace Observatory.Warehouse.Loading;

/// <summary>Receives one row's column values in table order; each provider encodes them as its EF Core mapping would.</summary>
internal interface IRowWriter
{
    void BeginRow();
    void EndRow();
    void Write(int value);
    void Write(long value);
    void Write(double value);
    void Write(bool value);
    void Write(string value);
    void Write(DateOnly value);
    void Write(DateTime value);
    void WriteNull();
}
