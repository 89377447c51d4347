using Microsoft.OData.Edm;

namespace Observatory.Query.Sql;

/// <summary>What the expressions of one SELECT can read: properties along navigation paths, and named values (the aliases of $compute and aggregates).</summary>
internal abstract class QueryScope
{
    private readonly Dictionary<string, SqlValue> _named = new(StringComparer.Ordinal);

    /// <summary>A property reached through <paramref name="navigations"/> from the rows of the scope.</summary>
    public abstract SqlValue Property(IReadOnlyList<string> navigations, string name);

    /// <summary>A value named by $compute or an aggregate.</summary>
    public SqlValue Named(string name) =>
        _named.TryGetValue(name, out var value) ? value : throw QueryException.Invalid($"'{name}' is not a property or alias here.");

    public bool HasName(string name) => _named.ContainsKey(name);

    public void Name(string name, SqlValue value) => _named[name] = value;

    public IReadOnlyDictionary<string, SqlValue> Names => _named;

    /// <summary>The FROM clause, joins included.</summary>
    public abstract string From { get; }

    protected static IEdmTypeReference Nullable(IEdmTypeReference type, bool nullable) =>
        nullable && !type.IsNullable ? type.Definition.ToTypeReference(true) : type;
}
