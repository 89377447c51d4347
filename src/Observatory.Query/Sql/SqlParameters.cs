using Observatory.Warehouse.Providers;

namespace Observatory.Query.Sql;

/// <summary>
/// The values a statement binds, in order: every literal of a query travels as a parameter, never as SQL text.
/// Inline (given a dialect), each value is written into the text instead, as a literal of that dialect
/// (<see cref="SqlLiteral"/>): for SQL that is kept and combined as text, such as the indicator engine's, whose
/// conditions are shared by many statements, compared by their text and cached.
/// </summary>
internal sealed class SqlParameters(SqlDialect? inline = null)
{
    private readonly List<object?> _values = [];

    public IReadOnlyList<object?> Values => _values;

    /// <summary>The placeholder for a new parameter holding <paramref name="value"/> (inline: the value as a literal).</summary>
    public string Add(object? value)
    {
        if (inline is not null)
        {
            return SqlLiteral.Of(value, inline);
        }

        _values.Add(value);
        return SqlStatement.ParameterName(_values.Count - 1);
    }
}
