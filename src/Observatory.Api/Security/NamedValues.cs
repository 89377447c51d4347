using System.Globalization;
using Microsoft.OData.UriParser;

namespace Observatory.Api.Security;

/// <summary>
/// The values a condition asks for by name: <c>path eq value</c> either way round, <c>path in (...)</c>, and their
/// rephrasings: a negated inequality (<c>not (path ne value)</c>), a comparison with true or false, and the case and
/// space functions <c>tolower</c>, <c>toupper</c> and <c>trim</c> (whose value is then matched without regard to case).
/// A value named under a negation (<c>path ne value</c>, <c>not (path eq value)</c>) is excluded, not asked for; a
/// value matched by a part (<c>contains</c>, <c>startswith</c>, <c>substring</c>) is not named. Both only narrow the
/// rows, which the row scope has narrowed already, so neither is listed.
/// </summary>
internal static class NamedValues
{
    /// <summary>A value a condition asks for.</summary>
    /// <param name="Path">The property, as <c>Area/Borough</c>.</param>
    /// <param name="Value">The value, as text (numbers in invariant digits).</param>
    /// <param name="IgnoreCase">Whether the property was compared through tolower, toupper or trim.</param>
    public readonly record struct Named(string Path, string Value, bool IgnoreCase);

    public static IEnumerable<Named> In(QueryNode condition) => Walk(condition, asked: true);

    /// <param name="asked">Whether the rows kept are those the node is true of (false under an odd number of negations).</param>
    private static IEnumerable<Named> Walk(QueryNode node, bool asked) => node switch
    {
        ConvertNode convert => Walk(convert.Source, asked),
        UnaryOperatorNode { OperatorKind: UnaryOperatorKind.Not } not => Walk(not.Operand, !asked),
        // De Morgan: under a negation, "and" becomes "or" and the reverse; either way each side is read with the same polarity.
        BinaryOperatorNode { OperatorKind: BinaryOperatorKind.And or BinaryOperatorKind.Or } both => Walk(both.Left, asked).Concat(Walk(both.Right, asked)),
        BinaryOperatorNode { OperatorKind: BinaryOperatorKind.Equal or BinaryOperatorKind.NotEqual } compared when Truth(compared.Right) is { } truth =>
            Walk(compared.Left, asked == (truth == (compared.OperatorKind == BinaryOperatorKind.Equal))),
        BinaryOperatorNode { OperatorKind: BinaryOperatorKind.Equal or BinaryOperatorKind.NotEqual } compared when Truth(compared.Left) is { } truth =>
            Walk(compared.Right, asked == (truth == (compared.OperatorKind == BinaryOperatorKind.Equal))),
        BinaryOperatorNode { OperatorKind: BinaryOperatorKind.Equal or BinaryOperatorKind.NotEqual } compared
            when asked == (compared.OperatorKind == BinaryOperatorKind.Equal) => Compared(compared.Left, compared.Right).Concat(Compared(compared.Right, compared.Left)),
        InNode { Right: CollectionConstantNode list } @in when asked && Path(@in.Left) is { } path =>
            list.Collection.Select(item => Text(item.Value)).OfType<string>().Select(value => new Named(path.Name, value, path.IgnoreCase)),
        _ => [],
    };

    private static IEnumerable<Named> Compared(SingleValueNode property, SingleValueNode value) =>
        Path(property) is { } path && Constant(value) is { } text ? [new Named(path.Name, text, path.IgnoreCase)] : [];

    /// <summary>The property a value side reads, through conversions and the case and space functions.</summary>
    private static (string Name, bool IgnoreCase)? Path(QueryNode node) => node switch
    {
        ConvertNode convert => Path(convert.Source),
        SingleValueFunctionCallNode { Name: "tolower" or "toupper" or "trim" } call when call.Parameters.Count() == 1 =>
            Path(call.Parameters.Single()) is { } inner ? (inner.Name, true) : null,
        SingleValuePropertyAccessNode property => Navigations(property.Source) is { } prefix ? (prefix + property.Property.Name, false) : null,
        SingleValueOpenPropertyAccessNode open => Navigations(open.Source) is { } prefix ? (prefix + open.Name, false) : null,
        _ => null,
    };

    /// <summary>The navigations from the range variable to a property, each followed by '/'; null from anywhere else.</summary>
    private static string? Navigations(QueryNode source) => source switch
    {
        ResourceRangeVariableReferenceNode or NonResourceRangeVariableReferenceNode => "",
        SingleNavigationNode navigation => Navigations(navigation.Source) is { } prefix ? $"{prefix}{navigation.NavigationProperty.Name}/" : null,
        _ => null,
    };

    private static string? Constant(SingleValueNode node) => node switch
    {
        ConvertNode convert => Constant(convert.Source),
        ConstantNode constant => Text(constant.Value),
        _ => null,
    };

    private static bool? Truth(SingleValueNode node) => node switch
    {
        ConvertNode convert => Truth(convert.Source),
        ConstantNode { Value: bool truth } => truth,
        _ => null,
    };

    /// <summary>A named value as text; null names nothing (a comparison with null keeps the rows without a value).</summary>
    private static string? Text(object? value) => value switch
    {
        null or bool => null,
        string text => text,
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        var other => other.ToString(),
    };
}
