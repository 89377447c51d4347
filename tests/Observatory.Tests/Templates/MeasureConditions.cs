using System.Globalization;
using Microsoft.OData.Edm;

namespace Observatory.Tests.Templates;

/// <summary>
/// A KEEPFILTERS condition of a measure as the OData filter that keeps the same fact rows. A condition on a
/// dimension reaches the facts through the active relationship from the facts to it, which the feed names as a
/// navigation (<c>Services[Code] = "TT"</c> is <c>Service/Code eq 'TT'</c>). DAX compares a blank as 0, "" or FALSE, so
/// where the column can be blank and a blank passes the comparison the rows without a value are kept too
/// (<c>T[C] &lt;= 42</c> keeps blanks; the generator guards with <c>NOT ISBLANK</c> to keep SQL's meaning).
/// </summary>
public sealed class MeasureConditions(TmdlDocument model, IEdmEntitySet facts)
{
    private static readonly Dictionary<string, string> Operators = new()
    {
        ["="] = "eq", ["=="] = "eq", ["<>"] = "ne", ["<"] = "lt", ["<="] = "le", [">"] = "gt", [">="] = "ge",
    };

    public string Translate(DaxExpression condition) => condition switch
    {
        DaxBinary { Operator: "&&" } b => $"({Translate(b.Left)}) and ({Translate(b.Right)})",
        DaxBinary { Operator: "||" } b => $"({Translate(b.Left)}) or ({Translate(b.Right)})",
        DaxUnary { Operator: "NOT", Operand: DaxCall { Function: "ISBLANK", Arguments: [DaxColumn c] } } => $"{Path(c).Path} ne null",
        DaxCall { Function: "NOT", Arguments: [DaxCall { Function: "ISBLANK", Arguments: [DaxColumn c] }] } => $"{Path(c).Path} ne null",
        DaxCall { Function: "ISBLANK", Arguments: [DaxColumn c] } => $"{Path(c).Path} eq null",
        DaxBinary { Left: DaxColumn c, Right: var literal } b when Operators.TryGetValue(b.Operator, out var op) => Comparison(c, b.Operator, op, literal),
        _ => throw new MeasureTranslationException($"KEEPFILTERS ( {MeasureTranslator.Describe(condition)} ) is not a condition the translator knows"),
    };

    private string Comparison(DaxColumn column, string daxOperator, string op, DaxExpression literal)
    {
        var (path, nullable) = Path(column);
        var (text, value) = Literal(literal);
        // == is DAX's strict equality: a blank equals nothing but a blank.
        var blankPasses = daxOperator != "==" && Compare(Blank(value), value) is var order && daxOperator switch
        {
            "=" => order == 0, "<>" => order != 0, "<" => order < 0, "<=" => order <= 0, ">" => order > 0, _ => order >= 0,
        };
        return nullable && blankPasses ? $"{path} {op} {text} or {path} eq null" : $"{path} {op} {text}";
    }

    private static (string Text, IComparable Value) Literal(DaxExpression literal) => literal switch
    {
        DaxString s => ($"'{s.Value.Replace("'", "''", StringComparison.Ordinal)}'", s.Value),
        DaxNumber n => (n.Value.ToString("R", CultureInfo.InvariantCulture), n.Value),
        DaxUnary { Operator: "-", Operand: DaxNumber n } => ((-n.Value).ToString("R", CultureInfo.InvariantCulture), -n.Value),
        DaxCall { Function: "TRUE", Arguments: [] } => ("true", true),
        DaxCall { Function: "FALSE", Arguments: [] } => ("false", false),
        _ => throw new MeasureTranslationException($"{MeasureTranslator.Describe(literal)} is not a text, number, TRUE () or FALSE ()"),
    };

    private static IComparable Blank(IComparable value) => value switch { string => "", bool => false, _ => 0.0 };

    // DAX compares text without regard to case.
    private static int Compare(IComparable blank, IComparable value) =>
        blank is string a ? string.Compare(a, (string)value, StringComparison.OrdinalIgnoreCase) : blank.CompareTo(value);

    /// <summary>The property path from the facts to a column, and whether it can be blank there.</summary>
    private (string Path, bool Nullable) Path(DaxColumn column)
    {
        var type = facts.EntityType;
        if (MeasureTranslator.Same(column.Table, facts.Name))
        {
            return type.FindProperty(column.Name) is IEdmStructuralProperty own ? (MeasureTranslator.RequireColumn(model, facts.Name, own.Name), own.Type.IsNullable)
                : throw new MeasureTranslationException($"the feed's {facts.Name} has no property {column.Name}");
        }

        if (MeasureTranslator.Same(column.Table, "Dates"))
        {
            throw new MeasureTranslationException($"a condition on Dates ({column.Name}) would change the report's period");
        }

        var relationship = model.Relationships.FirstOrDefault(r => Active(r) && Ends(r) is var (ft, _, tt, _)
            && MeasureTranslator.Same(ft, facts.Name) && MeasureTranslator.Same(tt, column.Table))
            ?? throw new MeasureTranslationException($"no active relationship from {facts.Name} to {column.Table}: a filter on {column.Table} would not reach {facts.Name}");
        var key = Ends(relationship).FromColumn;
        var navigation = type.NavigationProperties().FirstOrDefault(n => n.DependentProperties()?.SingleOrDefault()?.Name == key
            && facts.FindNavigationTarget(n) is IEdmEntitySet target && MeasureTranslator.Same(target.Name, column.Table))
            ?? throw new MeasureTranslationException($"the feed's {facts.Name} has no navigation along {key} to {column.Table}");
        var property = navigation.ToEntityType().FindProperty(column.Name) as IEdmStructuralProperty
            ?? throw new MeasureTranslationException($"the feed's {column.Table} has no property {column.Name}");
        // A fact with no key relates to the dimension's blank row, where every column is blank.
        return ($"{navigation.Name}/{MeasureTranslator.RequireColumn(model, column.Table!, property.Name)}", navigation.Type.IsNullable || property.Type.IsNullable);
    }

    internal static bool Active(TmdlObject relationship) => relationship.Property("isActive") != "false";

    internal static (string FromTable, string FromColumn, string ToTable, string ToColumn) Ends(TmdlObject relationship)
    {
        var from = TmdlNames.ReadReference(relationship.Property("fromColumn") ?? "", relationship.File, relationship.Line);
        var to = TmdlNames.ReadReference(relationship.Property("toColumn") ?? "", relationship.File, relationship.Line);
        return (from[0], from[^1], to[0], to[^1]);
    }
}
