namespace Observatory.Warehouse.Loading;

/// <summary>What a completed load wrote and how long each part took (<see cref="StepTime"/>: the staging steps, such as computing the indicators).</summary>
public sealed record LoadSummary(
    IReadOnlyDictionary<string, long> RowsByTable,
    long FactRows,
    TimeSpan WriteTime,
    TimeSpan IndexTime,
    TimeSpan StepTime,
    TimeSpan TotalTime,
    long PeakWorkingSetBytes)
{
    /// <summary>Fact rows per second of loading them: generated, written, key-checked and indexed (the staging steps are timed apart).</summary>
    public double FactRowsPerSecond => FactRows / (TotalTime - StepTime).TotalSeconds;
}
