using Observatory.Query.Sql;
using Observatory.Warehouse.Providers;

namespace Observatory.Query.Summaries;

/// <summary>A query asks for something a summary cube does not keep: the facts answer it instead.</summary>
internal sealed class NotCoveredException(string path) : Exception($"The summary cube does not keep '{path}'.");

/// <summary>
/// A summary cube's rows read as if they were the fact set's: each path the cube keeps is a column of the same
/// name and the same type as the fact's path; any other path is not covered (<see cref="NotCoveredException"/>).
/// The measures are not paths: only aggregates read them (<see cref="ApplyQuery"/>).
/// </summary>
internal sealed class CubeScope : QueryScope
{
    private readonly Dictionary<string, SqlValue> _paths = new(StringComparer.Ordinal);
    private readonly HashSet<string> _measures;

    public CubeScope(SummaryCube cube, string alias)
    {
        Cube = cube;
        Alias = alias;
        // The facts' own scope gives each path its type (a navigation that may be absent makes it nullable).
        var set = SummaryCubes.SetOf(cube);
        _measures = [.. SummaryCube.Flags(set.EntityType), .. SummaryCube.Sums(set.EntityType)];
        var facts = new TableScope(set, SqlDialect.Quote(cube.Set), new Aliases());
        foreach (var path in cube.AllPaths)
        {
            var parts = path.Split('/');
            _paths[path] = new SqlValue(Column(path), facts.Property(parts[..^1], parts[^1]).Type);
        }
    }

    public SummaryCube Cube { get; }

    /// <summary>Whether the cube keeps a sum of this property of the set (a flag, or a whole-number measure).</summary>
    public bool Keeps(string property) => _measures.Contains(property);

    public string Alias { get; }

    public override string From => $"{SqlDialect.Quote(Cube.Name)} AS {Alias}";

    /// <summary>A column of the cube's table, as this statement reads it.</summary>
    public string Column(string name) => $"{Alias}.{SqlDialect.Quote(name)}";

    public override SqlValue Property(IReadOnlyList<string> navigations, string name)
    {
        var path = string.Join('/', navigations.Append(name));
        return _paths.TryGetValue(path, out var value) ? value : throw new NotCoveredException(path);
    }
}
