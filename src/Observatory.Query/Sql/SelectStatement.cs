using Observatory.Warehouse.Providers;

namespace Observatory.Query.Sql;

/// <summary>One SELECT being assembled: its scope (FROM and joins), columns, conditions, grouping, order and page.</summary>
internal sealed class SelectStatement(QueryScope scope)
{
    public QueryScope Scope { get; } = scope;

    public List<string> Columns { get; } = [];

    public List<string> Where { get; } = [];

    public List<string> GroupBy { get; } = [];

    public List<string> OrderBy { get; } = [];

    public bool Grouped { get; set; }

    public long? Limit { get; set; }

    public long Offset { get; set; }

    /// <summary>Whether rows have been cut (LIMIT or OFFSET): a later condition or grouping must apply to what is left.</summary>
    public bool IsPaged => Limit is not null || Offset > 0;

    /// <summary>Adds a column named c0, c1 ... in order and returns its name.</summary>
    public string AddColumn(string sql)
    {
        var name = $"c{Columns.Count}";
        Columns.Add($"{sql} AS {name}");
        return name;
    }

    public string Sql(SqlDialect dialect, bool withOrder = true) =>
        $"SELECT {(Columns.Count == 0 ? "1" : string.Join(", ", Columns))} FROM {Scope.From}" +
        (Where.Count == 0 ? "" : $" WHERE {string.Join(" AND ", Where)}") +
        (GroupBy.Count == 0 ? "" : $" GROUP BY {string.Join(", ", GroupBy)}") +
        (withOrder && OrderBy.Count > 0 ? $" ORDER BY {string.Join(", ", OrderBy)}" : "") +
        (withOrder ? dialect.Page(Limit, Offset) : "");

    /// <summary>How many rows the statement gives (its own LIMIT and OFFSET included).</summary>
    public string CountSql(SqlDialect dialect) =>
        IsPaged || Grouped
            ? $"SELECT COUNT(*) FROM ({Sql(dialect, withOrder: IsPaged)}) AS counted"
            : $"SELECT COUNT(*) FROM {Scope.From}" + (Where.Count == 0 ? "" : $" WHERE {string.Join(" AND ", Where)}");
}
