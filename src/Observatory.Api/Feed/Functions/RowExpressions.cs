using System.Globalization;
using Microsoft.OData.UriParser;
using Observatory.Query;

namespace Observatory.Api.Feed.Functions;

/// <summary>
/// $filter and $orderby expressions evaluated over computed rows: columns compared with values (eq, ne, gt, ge, lt, le,
/// in), joined by and, or and not, and text tested with contains, startswith and endswith. As in the feed's SQL
/// (ExpressionTranslator), logic is two-valued: a comparison with null is false, so <c>not (Value gt 0.5)</c> keeps the
/// rows without a value.
/// </summary>
internal sealed class RowExpressions(IReadOnlyDictionary<string, int> columns)
{
    private const string Supported =
        "A function's result is filtered by comparing its columns with values (eq, ne, gt, ge, lt, le, in), joined by and, or and not, " +
        "and by testing text with contains, startswith and endswith, as in $filter=Suppression eq 'None' and Value gt 0.5.";

    /// <summary>Orders values as OData does: null first, then numbers by value and text by its characters.</summary>
    public static IComparer<object?> Order { get; } = Comparer<object?>.Create(Compare);

    public bool Holds(QueryNode node, object?[] row) => node switch
    {
        ConvertNode convert => Holds(convert.Source, row),
        UnaryOperatorNode { OperatorKind: UnaryOperatorKind.Not } not => !Holds(not.Operand, row),
        BinaryOperatorNode { OperatorKind: BinaryOperatorKind.And } and => Holds(and.Left, row) && Holds(and.Right, row),
        BinaryOperatorNode { OperatorKind: BinaryOperatorKind.Or } or => Holds(or.Left, row) || Holds(or.Right, row),
        BinaryOperatorNode comparison => Compared(comparison.OperatorKind, Value(comparison.Left, row), Value(comparison.Right, row)),
        InNode { Right: CollectionConstantNode list } @in => Value(@in.Left, row) is { } value && list.Collection.Any(item => Equal(value, item.Value)),
        SingleValueFunctionCallNode { Name: "contains" or "startswith" or "endswith" } call
            when call.Parameters.ToList() is [var text, var part] => Texts(call.Name, Value(text, row), Value(part, row)),
        ConstantNode { Value: bool truth } => truth,
        _ => Value(node, row) is true,
    };

    public object? Value(QueryNode node, object?[] row) => node switch
    {
        ConstantNode constant => constant.Value,
        ConvertNode convert => Value(convert.Source, row),
        SingleValuePropertyAccessNode { Source: ResourceRangeVariableReferenceNode or NonResourceRangeVariableReferenceNode } property
            when columns.TryGetValue(property.Property.Name, out var column) => row[column],
        _ => throw QueryException.NotSupported(Supported),
    };

    private static bool Compared(BinaryOperatorKind kind, object? left, object? right) => kind switch
    {
        BinaryOperatorKind.Equal => left is null ? right is null : right is not null && Equal(left, right),
        BinaryOperatorKind.NotEqual => left is null ? right is not null : right is null || !Equal(left, right),
        _ when left is null || right is null => false,
        BinaryOperatorKind.GreaterThan => Compare(left, right) > 0,
        BinaryOperatorKind.GreaterThanOrEqual => Compare(left, right) >= 0,
        BinaryOperatorKind.LessThan => Compare(left, right) < 0,
        BinaryOperatorKind.LessThanOrEqual => Compare(left, right) <= 0,
        _ => throw QueryException.NotSupported(Supported),
    };

    private static bool Texts(string function, object? text, object? part) => (text, part) switch
    {
        (string t, string p) => function switch
        {
            "contains" => t.Contains(p, StringComparison.Ordinal),
            "startswith" => t.StartsWith(p, StringComparison.Ordinal),
            _ => t.EndsWith(p, StringComparison.Ordinal),
        },
        _ => false,
    };

    private static bool Equal(object left, object? right) => right is not null && Compare(left, right) == 0;

    private static int Compare(object? left, object? right) => (left, right) switch
    {
        (null, null) => 0,
        (null, _) => -1,
        (_, null) => 1,
        (string l, string r) => string.CompareOrdinal(l, r),
        (bool l, bool r) => l.CompareTo(r),
        _ when IsNumber(left) && IsNumber(right) =>
            Convert.ToDouble(left, CultureInfo.InvariantCulture).CompareTo(Convert.ToDouble(right, CultureInfo.InvariantCulture)),
        _ => throw QueryException.Invalid($"A {left.GetType().Name} cannot be compared with a {right.GetType().Name}: compare text with text in quotes and numbers with numbers."),
    };

    private static bool IsNumber(object value) => value is int or long or double or float or decimal or short or byte;
}
