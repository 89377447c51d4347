namespace Observatory.Warehouse.Loading;

/// <summary>What a completed load wrote and how long each part took.</summary>
public sealed record LoadSummary(
    IReadOnlyDictionary<string, long> RowsByTable,
    long FactRows,
    TimeSpan WriteTime,
    TimeSpan IndexTime,
    TimeSpan TotalTime,
    long PeakWorkingSetBytes)
{
    public double FactRowsPerSecond => FactRows / TotalTime.TotalSeconds;
}
