namespace Observatory.Benchmarks;

/// <summary>One measured figure, the figure it is compared with (if any) and the target it must meet.</summary>
public sealed record Measurement(string What, double Value, string Unit, string? ComparedWith = null, double? Baseline = null, string? Target = null, bool? Met = null)
{
    /// <summary>The range of the runs the value is the median of, and of its baseline's, where there were several.</summary>
    public (double Min, double Max)? Spread { get; init; }

    public (double Min, double Max)? BaselineSpread { get; init; }

    public double? Ratio => Baseline is { } b && b > 0 ? Value / b : null;
}
