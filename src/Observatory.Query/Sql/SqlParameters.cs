using Observatory.Warehouse.Providers;

namespace Observatory.Query.Sql;

/// <summary>The values a statement binds, in order: every literal of a query travels as a parameter, never as SQL text.</summary>
internal sealed class SqlParameters
{
    private readonly List<object?> _values = [];

    public IReadOnlyList<object?> Values => _values;

    /// <summary>The placeholder for a new parameter holding <paramref name="value"/>.</summary>
    public string Add(object? value)
    {
        _values.Add(value);
        return SqlStatement.ParameterName(_values.Count - 1);
    }
}
