namespace Observatory.Templates.Dax;

/// <summary>What part of an indicator a measure computes (written into the model as an annotation, so tests and tools can find it).</summary>
public enum MeasurePart
{
    Value,
    Numerator,
    Denominator,
    Lower95,
    Upper95,
    SumOfSquares,
}

/// <summary>A DAX measure of the model: its table, name, expression lines and how Power BI shows it.</summary>
public sealed record Measure(
    string Table, string Name, IReadOnlyList<string> Expression, string FormatString, string DisplayFolder, string Description,
    string IndicatorId, MeasurePart Part, bool Hidden = false);
