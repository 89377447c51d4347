using Microsoft.OData.Edm;

namespace Observatory.Query.Sql;

/// <summary>The rows of a grouped result used as a table: its columns are the grouped paths and the aggregates' aliases.</summary>
internal sealed class DerivedScope(string source, string? alias) : QueryScope
{
    private readonly Dictionary<string, SqlValue> _paths = new(StringComparer.Ordinal);

    public override string From => alias is null ? source : $"{source} AS {alias}";

    /// <summary>The column's name as other clauses of the statement reading this scope write it.</summary>
    public string Column(string name) => alias is null ? name : $"{alias}.{name}";

    /// <summary>Makes a grouped property readable as <c>Navigation/Property</c>.</summary>
    public void AddPath(IReadOnlyList<string> path, string column, IEdmTypeReference type) =>
        _paths[string.Join('/', path)] = new SqlValue(Column(column), type);

    public override SqlValue Property(IReadOnlyList<string> navigations, string name) =>
        _paths.TryGetValue(string.Join('/', navigations.Append(name)), out var value)
            ? value
            : throw QueryException.Invalid($"'{string.Join('/', navigations.Append(name))}' is not in the result of $apply: only the grouped properties and the aggregates' aliases are.");
}
