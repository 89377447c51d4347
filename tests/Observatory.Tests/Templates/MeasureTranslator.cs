using System.Globalization;
using Microsoft.OData.Edm;

namespace Observatory.Tests.Templates;

/// <summary>
/// A measure the translator cannot read back into a feed query: its shape is not one the generator is known to
/// write, or it names what the model or the feed lacks.
/// </summary>
public sealed class MeasureTranslationException(string problem) : Exception(problem);

/// <summary>
/// Reads a generated numerator or denominator measure back into the OData query that counts the same rows, so
/// that the feed can say whether the DAX counts what the catalogue means. The shapes it knows:
/// <c>CALCULATE ( &lt;aggregate&gt;, USERELATIONSHIP ( T[XDateKey], Dates[DateKey] ), KEEPFILTERS ( &lt;condition&gt; ), ... )</c>
/// with the aggregate <c>COUNTROWS ( T )</c>, <c>SUM ( T[C] )</c>, <c>DISTINCTCOUNTNOBLANK ( T[C] )</c> or
/// <c>SUMX ( T, T[C] * T[C] )</c>. The year is applied as a report would apply it, on Dates, so it reaches the facts
/// through the relationship the measure activates, or the active one, or (the census) none.
/// </summary>
public sealed class MeasureTranslator(TmdlDocument model, IEdmModel edm)
{
    private const string DateTable = "Dates";
    private const string DateKey = "DateKey";

    /// <summary>The query, relative to the feed's root, whose one row's <c>v</c> is the measure's value for the period.</summary>
    public string Translate(string dax, int periodStartKey, int periodEndKey)
    {
        if (DaxParser.Parse(dax) is not DaxCall { Function: "CALCULATE", Arguments: [var aggregate, ..] } calculate)
        {
            throw new MeasureTranslationException("not CALCULATE ( <aggregate>, <modifiers> )");
        }

        var modifiers = calculate.Arguments.Skip(1);
        var (facts, apply) = Aggregate(aggregate);
        var set = edm.EntityContainer.FindEntitySet(facts) ?? throw new MeasureTranslationException($"the feed has no entity set {facts}");
        string? role = null;
        var conditions = new List<string>();
        foreach (var modifier in modifiers)
        {
            switch (modifier)
            {
                case DaxCall { Function: "USERELATIONSHIP", Arguments: [DaxColumn { Table: { } t } from, DaxColumn { Table: DateTable, Name: DateKey } to] }
                    when Same(t, facts) && role is null:
                    role = Relationship(facts, from.Name, DateTable, to.Name) is not null ? from.Name
                        : throw new MeasureTranslationException($"USERELATIONSHIP names {facts}[{from.Name}] to Dates[DateKey], which no relationship joins");
                    break;
                case DaxCall { Function: "KEEPFILTERS", Arguments: [var condition] }:
                    conditions.Add(new MeasureConditions(model, set).Translate(condition));
                    break;
                default:
                    throw new MeasureTranslationException($"'{Describe(modifier)}' is not USERELATIONSHIP ( {facts}[…DateKey], Dates[DateKey] ) or KEEPFILTERS ( … )");
            }
        }

        // Without USERELATIONSHIP the year reaches the facts through the active relationship to Dates, if any.
        role ??= model.Relationships.FirstOrDefault(r => MeasureConditions.Active(r) && MeasureConditions.Ends(r) is var (ft, _, tt, tc)
            && Same(ft, facts) && Same(tt, DateTable) && Same(tc, DateKey)) is { } active ? MeasureConditions.Ends(active).FromColumn : null;
        if (role is not null)
        {
            conditions.Insert(0, string.Create(CultureInfo.InvariantCulture, $"{role} ge {periodStartKey} and {role} le {periodEndKey}"));
        }

        var filter = conditions.Count == 0 ? "" : $"filter({string.Join(" and ", conditions.Select(c => $"({c})"))})/";
        return $"{set.Name}?$apply={filter}{apply}";
    }

    private (string Facts, string Apply) Aggregate(DaxExpression aggregate) => aggregate switch
    {
        DaxCall { Function: "COUNTROWS", Arguments: [DaxTable t] } when model.Table(t.Name) is not null => (t.Name, "aggregate($count as v)"),
        DaxCall { Function: "SUM", Arguments: [DaxColumn { Table: { } t } c] } => (t, $"aggregate({Property(t, c.Name)} with sum as v)"),
        DaxCall { Function: "DISTINCTCOUNTNOBLANK", Arguments: [DaxColumn { Table: { } t } c] } => (t, $"aggregate({Property(t, c.Name)} with countdistinct as v)"),
        DaxCall { Function: "SUMX", Arguments: [DaxTable t, DaxBinary { Operator: "*", Left: DaxColumn a, Right: DaxColumn b }] }
            when Same(a.Table, t.Name) && a == b => (t.Name, $"compute({Property(t.Name, a.Name)} mul {a.Name} as square)/aggregate(square with sum as v)"),
        _ => throw new MeasureTranslationException($"'{Describe(aggregate)}' is not COUNTROWS, SUM, DISTINCTCOUNTNOBLANK or SUMX of a square"),
    };

    private string Property(string set, string name) =>
        edm.EntityContainer.FindEntitySet(set)?.EntityType.FindProperty(name) is IEdmStructuralProperty p ? RequireColumn(model, set, p.Name)
            : throw new MeasureTranslationException($"the feed's {set} has no property {name}");

    /// <summary>The column, when the model imports it; a measure over a column the model lacks fails in Power BI whatever the feed has.</summary>
    internal static string RequireColumn(TmdlDocument model, string table, string column) =>
        model.Table(table)?.ChildrenOfType("column").Any(c => Same(c.Name, column)) == true ? column
            : throw new MeasureTranslationException($"the model's table {table} has no column {column}");

    private TmdlObject? Relationship(string fromTable, string fromColumn, string toTable, string toColumn) =>
        model.Relationships.FirstOrDefault(r => MeasureConditions.Ends(r) is var (ft, fc, tt, tc)
            && Same(ft, fromTable) && Same(fc, fromColumn) && Same(tt, toTable) && Same(tc, toColumn));

    internal static bool Same(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    internal static string Describe(DaxExpression e) => e switch
    {
        DaxCall c => $"{c.Function} ( … )",
        DaxColumn c => $"{c.Table}[{c.Name}]",
        DaxBinary b => $"{Describe(b.Left)} {b.Operator} {Describe(b.Right)}",
        _ => e.GetType().Name,
    };
}
