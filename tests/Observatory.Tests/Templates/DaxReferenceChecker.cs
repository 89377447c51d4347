namespace Observatory.Tests.Templates;

/// <summary>
/// Resolves every name in a model's DAX the way the engine does when Power BI opens the model: tables, their
/// columns and measures, bare <c>[Measure]</c> references, variables, and functions against the ones the generator
/// uses (an unknown function is more likely a typo than a new need, so it fails until listed here).
/// DAX names are case-insensitive.
/// </summary>
public sealed class DaxReferenceChecker(TmdlDocument document)
{
    /// <summary>The DAX functions the template's measures and role filters use.</summary>
    public static readonly IReadOnlySet<string> Functions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "CALCULATE", "KEEPFILTERS", "USERELATIONSHIP", "COUNTROWS", "SUM", "SUMX", "DISTINCTCOUNTNOBLANK", "DIVIDE", "SQRT",
        "POWER", "MAX", "MIN", "IF", "ISBLANK", "NOT", "BLANK", "CHISQ.INV", "T.INV.2T", "TRUE", "FALSE", "COALESCE", "AND", "OR", "ABS",
    };

    private readonly Dictionary<string, TmdlObject> _tables = document.Tables.ToDictionary(t => t.Name!, StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _measures = new(document.Measures.Select(m => m.Name!), StringComparer.OrdinalIgnoreCase);

    /// <summary>Every DAX expression of the model (measures, role filters, calculated columns) with what it names that does not exist.</summary>
    public IEnumerable<string> CheckModel()
    {
        foreach (var measure in document.Measures)
        {
            foreach (var problem in NameProblems(measure))
            {
                yield return problem;
            }

            foreach (var problem in Check(measure.DefaultValue ?? "", rowTable: null))
            {
                yield return $"{measure.Location}: measure {measure.Name}: {problem}";
            }
        }

        var filters = document.Roles.SelectMany(r => r.ChildrenOfType("tablePermission")).Select(p => (p, Table: p.Name))
            .Concat(document.Tables.SelectMany(t => t.ChildrenOfType("column")).Where(c => c.DefaultValue is not null).Select(c => (p: c, Table: c.Parent!.Name)));
        foreach (var (o, table) in filters)
        {
            foreach (var problem in Check(o.DefaultValue ?? "", table))
            {
                yield return $"{o.Location}: {o.Type} {o.Name}: {problem}";
            }
        }
    }

    /// <param name="rowTable">The table whose rows the expression is evaluated on (a role's filter, a calculated column), where a bare [Name] may be one of its columns.</param>
    public IEnumerable<string> Check(string dax, string? rowTable)
    {
        DaxExpression expression;
        try
        {
            expression = DaxParser.Parse(dax);
        }
        catch (FormatException e)
        {
            return [$"not DAX: {e.Message}"];
        }

        return expression.DescendantsAndSelf().Select(e => e switch
        {
            DaxCall call when !Functions.Contains(call.Function) => $"{call.Function} is not one of the DAX functions the templates use",
            DaxTable table when !_tables.ContainsKey(table.Name) => $"no table {table.Name}",
            DaxColumn { Table: { } table } when !_tables.ContainsKey(table) => $"no table {table}",
            DaxColumn { Table: { } table, Name: var name } when !HasColumn(table, name) && !HasMeasure(table, name) => $"no column or measure {table}[{name}]",
            DaxColumn { Table: null, Name: var name } when !_measures.Contains(name) && (rowTable is null || !HasColumn(rowTable, name)) =>
                rowTable is null ? $"[{name}] is not a measure of the model" : $"[{name}] is neither a measure nor a column of {rowTable}",
            _ => null,
        }).OfType<string>();
    }

    private bool HasColumn(string table, string column) =>
        _tables.TryGetValue(table, out var t) && t.ChildrenOfType("column").Any(c => string.Equals(c.Name, column, StringComparison.OrdinalIgnoreCase));

    private bool HasMeasure(string table, string measure) =>
        _tables.TryGetValue(table, out var t) && t.ChildrenOfType("measure").Any(c => string.Equals(c.Name, measure, StringComparison.OrdinalIgnoreCase));

    /// <summary>A measure's name is unique in the model and differs from every column of its table, or [Name] is ambiguous.</summary>
    private IEnumerable<string> NameProblems(TmdlObject measure)
    {
        if (document.Measures.Count(m => string.Equals(m.Name, measure.Name, StringComparison.OrdinalIgnoreCase)) > 1)
        {
            yield return $"{measure.Location}: measure {measure.Name} is declared more than once in the model";
        }

        if (HasColumn(measure.Parent!.Name!, measure.Name!))
        {
            yield return $"{measure.Location}: measure {measure.Name} has the name of a column of {measure.Parent.Name}";
        }
    }
}
