namespace Observatory.Benchmarks;

/// <summary>One measured figure, the figure it is compared with (if any) and the target it must meet.</summary>
public sealed record Measurement(string What, double Value, string Unit, string? ComparedWith = null, double? Baseline = null, string? Target = null, bool? Met = null)
{
    public double? Ratio => Baseline is { } b && b > 0 ? Value / b : null;
}
