using System.Globalization;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;

namespace Observatory.Templates.Dax;

/// <summary>
/// A filter of the indicator catalogue (<c>$filter</c> syntax over one fact set) as DAX filter arguments of
/// <c>CALCULATE</c>, one per <c>and</c> term, each wrapped in <c>KEEPFILTERS</c> so it narrows what the report's
/// slicers chose rather than replacing it. The feed's logic is kept where DAX differs: a comparison with a column
/// that can be null is false for a null (DAX would compare a blank as zero or empty text), and a condition on a
/// dimension leaves out facts without that dimension, as the feed's join does.
/// </summary>
/// <remarks>DAX compares text without regard to case; the catalogue's codes are upper-case and unique regardless of case.</remarks>
public sealed class DaxConditions(IEdmModel model, IEdmEntitySet facts)
{
    private readonly HashSet<string> _factColumns = new(StringComparer.Ordinal);

    /// <summary>The fact set's own columns the conditions read (the feed query must select them).</summary>
    public IReadOnlyCollection<string> FactColumns => _factColumns;

    /// <exception cref="TemplateException">The filter uses something DAX filters are not generated for.</exception>
    public IReadOnlyList<string> Translate(string? filter, string where)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return [];
        }

        var parsed = new ODataQueryOptionParser(model, facts.EntityType, facts, new Dictionary<string, string> { ["$filter"] = filter })
            .ParseFilter().Expression;
        List<string> conditions = [];
        Add(parsed, conditions, where);
        return [.. conditions.Distinct().Select(c => $"KEEPFILTERS ( {c} )")];
    }

    /// <summary>A fact column in DAX, noted as read.</summary>
    public string FactColumn(string name)
    {
        _ = facts.EntityType.FindProperty(name) ?? throw new TemplateException($"{facts.Name} has no column {name}.");
        _factColumns.Add(name);
        return Column(facts.Name, name);
    }

    public static string Column(string table, string column) => $"{Table(table)}[{column.Replace("]", "]]", StringComparison.Ordinal)}]";

    /// <summary>A text literal in DAX, double quotes doubled.</summary>
    public static string Text(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>A table name in DAX: bare when it is a plain identifier, otherwise quoted.</summary>
    public static string Table(string name) => Tmdl.TmdlText.Name(name);

    private void Add(SingleValueNode node, List<string> conditions, string where)
    {
        switch (Unwrap(node))
        {
            case BinaryOperatorNode { OperatorKind: BinaryOperatorKind.And } and:
                Add(and.Left, conditions, where);
                Add(and.Right, conditions, where);
                break;
            case BinaryOperatorNode comparison when Operator(comparison.OperatorKind) is not null:
                conditions.AddRange(Comparison(comparison, where));
                break;
            default:
                throw new TemplateException($"{where}: only comparisons of a column with a value, joined by 'and', become DAX filters.");
        }
    }

    private IEnumerable<string> Comparison(BinaryOperatorNode node, string where)
    {
        var (left, right, kind) = Unwrap(node.Left) is ConstantNode
            ? (Unwrap(node.Right), Unwrap(node.Left), Flip(node.OperatorKind))
            : (Unwrap(node.Left), Unwrap(node.Right), node.OperatorKind);
        if (left is not SingleValuePropertyAccessNode property || right is not ConstantNode constant)
        {
            throw new TemplateException($"{where}: a condition must compare a column with a value.");
        }

        var (column, nullable, guard) = Resolve(property, where);
        if (guard is not null)
        {
            yield return guard;
        }

        if (constant.Value is null)
        {
            yield return kind switch
            {
                BinaryOperatorKind.Equal => $"ISBLANK ( {column} )",
                BinaryOperatorKind.NotEqual => $"NOT ISBLANK ( {column} )",
                _ => throw new TemplateException($"{where}: null can only be compared with eq or ne."),
            };
            yield break;
        }

        var comparison = $"{column} {Operator(kind)} {Literal(constant.Value, where)}";
        yield return nullable ? $"NOT ISBLANK ( {column} ) && {comparison}" : comparison;
    }

    // The column, whether it can be null, and for a dimension reached by a key that can be null, the condition that the key is there.
    private (string Column, bool Nullable, string? Guard) Resolve(SingleValuePropertyAccessNode property, string where)
    {
        var nullable = property.Property.Type.IsNullable;
        switch (property.Source)
        {
            case ResourceRangeVariableReferenceNode:
                return (FactColumn(property.Property.Name), nullable, null);
            case SingleNavigationNode { Source: ResourceRangeVariableReferenceNode } navigation:
                var key = navigation.NavigationProperty.DependentProperties()?.SingleOrDefault()
                    ?? throw new TemplateException($"{where}: {navigation.NavigationProperty.Name} is not reached by one key.");
                var target = navigation.NavigationSource.Name;
                var guard = key.Type.IsNullable ? $"NOT ISBLANK ( {FactColumn(key.Name)} )" : null;
                _factColumns.Add(key.Name);
                return (Column(target, property.Property.Name), nullable, guard);
            default:
                throw new TemplateException($"{where}: a condition may read the facts' own columns or one dimension's, not {property.Property.Name} further away.");
        }
    }

    private static string Literal(object value, string where) => value switch
    {
        string text => Text(text),
        bool flag => flag ? "TRUE ()" : "FALSE ()",
        int or long or short or byte => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        double or float or decimal => Convert.ToDouble(value, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture),
        _ => throw new TemplateException($"{where}: no DAX literal for {value.GetType().Name} values."),
    };

    private static string? Operator(BinaryOperatorKind kind) => kind switch
    {
        BinaryOperatorKind.Equal => "=",
        BinaryOperatorKind.NotEqual => "<>",
        BinaryOperatorKind.GreaterThan => ">",
        BinaryOperatorKind.GreaterThanOrEqual => ">=",
        BinaryOperatorKind.LessThan => "<",
        BinaryOperatorKind.LessThanOrEqual => "<=",
        _ => null,
    };

    private static BinaryOperatorKind Flip(BinaryOperatorKind kind) => kind switch
    {
        BinaryOperatorKind.GreaterThan => BinaryOperatorKind.LessThan,
        BinaryOperatorKind.GreaterThanOrEqual => BinaryOperatorKind.LessThanOrEqual,
        BinaryOperatorKind.LessThan => BinaryOperatorKind.GreaterThan,
        BinaryOperatorKind.LessThanOrEqual => BinaryOperatorKind.GreaterThanOrEqual,
        _ => kind,
    };

    private static SingleValueNode Unwrap(SingleValueNode node) => node is ConvertNode convert ? Unwrap(convert.Source) : node;
}
