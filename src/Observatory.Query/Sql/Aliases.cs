namespace Observatory.Query.Sql;

/// <summary>Table aliases unique within one statement: t0, t1 ... for tables, s1, s2 ... for subqueries.</summary>
internal sealed class Aliases
{
    private int _tables;
    private int _subqueries;

    public string Table() => $"t{_tables++}";

    public string Subquery() => $"s{++_subqueries}";
}
