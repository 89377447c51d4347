namespace Observatory.Warehouse.Providers;

/// <summary>SQL text with its parameters, named <c>@p0</c>, <c>@p1</c> ... in order; values are .NET values.</summary>
public sealed record SqlStatement(string Text, IReadOnlyList<object?> Parameters)
{
    public static string ParameterName(int index) => $"@p{index.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public override string ToString() => Text;
}
