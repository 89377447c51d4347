using System.Globalization;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;
using Observatory.Warehouse.Providers;

namespace Observatory.Query.Sql;

/// <summary>
/// OData expressions ($filter, $orderby, $compute, the steps of $apply) as SQL over one scope. Literals become
/// parameters. Conditions keep OData's two-valued logic (URL Conventions 5.1.1.1): a comparison with null is
/// false, never unknown, so <c>EndDateKey ne 20220331</c> includes the referrals that have not ended and
/// <c>not (EndDateKey lt 20220101)</c> does too.
/// </summary>
internal sealed class ExpressionTranslator(SqlDialect dialect, SqlParameters parameters, QueryScope scope)
{
    private static readonly EdmCoreModel Core = EdmCoreModel.Instance;

    public QueryScope Scope => scope;

    /// <summary>A condition that is true exactly where OData's is (<paramref name="negated"/>: where its negation is).</summary>
    /// <remarks>
    /// The result may be NULL where OData's value is false; negations are pushed down to the comparisons, so a NULL
    /// never meets a NOT and always ends as false.
    /// </remarks>
    public string Condition(QueryNode node, bool negated = false) => node switch
    {
        ConvertNode convert when convert.Source.TypeReference?.IsBoolean() != false => Condition(convert.Source, negated),
        UnaryOperatorNode { OperatorKind: UnaryOperatorKind.Not } not => Condition(not.Operand, !negated),
        BinaryOperatorNode { OperatorKind: BinaryOperatorKind.And or BinaryOperatorKind.Or } logical =>
            $"({Condition(logical.Left, negated)} {((logical.OperatorKind == BinaryOperatorKind.And) != negated ? "AND" : "OR")} {Condition(logical.Right, negated)})",
        BinaryOperatorNode { OperatorKind: BinaryOperatorKind.Has } =>
            throw QueryException.NotSupported("The 'has' operator applies to enumeration flags, and this feed has none. Compare with eq instead."),
        BinaryOperatorNode comparison => Comparison(comparison, negated),
        InNode @in => In(@in, negated),
        ConstantNode { Value: bool value } => value != negated ? "1 = 1" : "1 = 0",
        _ => Truth(node, negated),
    };

    public SqlValue Value(QueryNode node) => node switch
    {
        ConstantNode constant => Constant(constant),
        ConvertNode convert => Convert(convert),
        SingleValuePropertyAccessNode property => scope.Property(Navigations(property.Source), property.Property.Name),
        SingleValueOpenPropertyAccessNode open when open.Source is ResourceRangeVariableReferenceNode or NonResourceRangeVariableReferenceNode =>
            scope.Named(open.Name),
        SingleValueOpenPropertyAccessNode open => scope.Property(Navigations(open.Source), open.Name),
        BinaryOperatorNode { OperatorKind: BinaryOperatorKind.Add or BinaryOperatorKind.Subtract or BinaryOperatorKind.Multiply
            or BinaryOperatorKind.Divide or BinaryOperatorKind.Modulo } arithmetic => Arithmetic(arithmetic),
        BinaryOperatorNode or InNode or UnaryOperatorNode { OperatorKind: UnaryOperatorKind.Not } =>
            new SqlValue($"(CASE WHEN {Condition(node)} THEN {dialect.TrueLiteral} ELSE {dialect.FalseLiteral} END)", EdmCoreModel.Instance.GetBoolean(false)),
        UnaryOperatorNode { OperatorKind: UnaryOperatorKind.Negate } negate => Negate(negate),
        SingleValueFunctionCallNode call => Function(call),
        ParameterAliasNode alias => throw QueryException.Invalid($"The parameter alias {alias.Alias} has no value: give it one, as in {alias.Alias}=5."),
        ResourceRangeVariableReferenceNode or NonResourceRangeVariableReferenceNode =>
            throw QueryException.NotSupported("$it and lambda variables cannot be used as values in this feed."),
        SingleValueCastNode or SingleResourceCastNode =>
            throw QueryException.NotSupported("Type casts are not supported: the feed's types have no derived types."),
        _ => throw QueryException.NotSupported($"This feed cannot evaluate {Describe(node)}."),
    };

    /// <summary>The navigation names from the range variable to <paramref name="source"/> (empty for the row itself).</summary>
    public static IReadOnlyList<string> Navigations(QueryNode? source)
    {
        var names = new List<string>();
        for (var node = source; node is not null;)
        {
            switch (node)
            {
                case SingleNavigationNode navigation:
                    names.Insert(0, navigation.NavigationProperty.Name);
                    node = navigation.Source;
                    break;
                case ResourceRangeVariableReferenceNode or NonResourceRangeVariableReferenceNode:
                    node = null;
                    break;
                case SingleValueOpenPropertyAccessNode open:
                    names.Insert(0, open.Name);
                    node = open.Source;
                    break;
                default:
                    throw QueryException.NotSupported($"This feed cannot follow {Describe(node)}.");
            }
        }

        return names;
    }

    private string Truth(QueryNode node, bool negated)
    {
        var value = Value(node);
        if (value.Type is not null && !value.Type.IsBoolean())
        {
            throw QueryException.Invalid("A condition must be true or false, not a value of type " + value.Type.FullName() + ".");
        }

        // SQLite keeps booleans as 0 and 1; PostgreSQL has a boolean type. Either reads as a condition.
        var truth = dialect is SqliteDialect ? $"({value.Sql} <> 0)" : value.Sql;
        return negated ? $"(NOT {truth})" : truth;
    }

    private string Comparison(BinaryOperatorNode comparison, bool negated)
    {
        var kind = comparison.OperatorKind;
        if (IsNull(comparison.Left) || IsNull(comparison.Right))
        {
            var other = Value(IsNull(comparison.Left) ? comparison.Right : comparison.Left);
            return (kind, negated) switch
            {
                (BinaryOperatorKind.Equal, false) or (BinaryOperatorKind.NotEqual, true) => $"({other.Sql} IS NULL)",
                (BinaryOperatorKind.NotEqual, false) or (BinaryOperatorKind.Equal, true) => $"({other.Sql} IS NOT NULL)",
                // Ordering against null is false in OData, so its negation is true.
                _ => negated ? "1 = 1" : "1 = 0",
            };
        }

        var left = Value(comparison.Left);
        var right = Value(comparison.Right);
        switch (kind)
        {
            case BinaryOperatorKind.Equal or BinaryOperatorKind.NotEqual:
                var equal = (kind == BinaryOperatorKind.Equal) != negated;
                return (equal, left.IsNullable, right.IsNullable) switch
                {
                    (true, true, true) => dialect.IsNotDistinct(left.Sql, right.Sql),
                    (true, _, _) => $"({left.Sql} = {right.Sql})",
                    (false, false, false) => $"({left.Sql} <> {right.Sql})",
                    _ => dialect.IsDistinct(left.Sql, right.Sql),
                };
            case BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual or BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual:
                var ordered = $"({left.Sql} {Operator(negated ? Complement(kind) : kind)} {right.Sql})";
                if (!negated)
                {
                    return ordered;
                }

                var nulls = new[] { left, right }.Where(v => v.IsNullable).Select(v => $" OR {v.Sql} IS NULL");
                return $"({ordered}{string.Concat(nulls)})";
            default:
                throw QueryException.NotSupported($"The operator '{kind}' cannot be used in a condition.");
        }
    }

    private string In(InNode @in, bool negated)
    {
        if (@in.Right is not CollectionConstantNode list)
        {
            throw QueryException.NotSupported("'in' takes a list of literal values here, as in Code in ('A','B').");
        }

        var value = Value(@in.Left);
        var items = list.Collection.Where(c => c.Value is not null).Select(c => Constant(c).Sql).ToList();
        var hasNull = list.Collection.Any(c => c.Value is null);
        if (items.Count == 0)
        {
            return hasNull != negated ? $"({value.Sql} IS NULL)" : $"({value.Sql} IS NOT NULL)";
        }

        var members = string.Join(", ", items);
        return (negated, hasNull) switch
        {
            (false, false) => $"({value.Sql} IN ({members}))",
            (false, true) => $"({value.Sql} IN ({members}) OR {value.Sql} IS NULL)",
            (true, false) when value.IsNullable => $"({value.Sql} NOT IN ({members}) OR {value.Sql} IS NULL)",
            (true, false) => $"({value.Sql} NOT IN ({members}))",
            _ => $"({value.Sql} NOT IN ({members}) AND {value.Sql} IS NOT NULL)",
        };
    }

    private SqlValue Constant(ConstantNode constant)
    {
        var value = constant.Value switch
        {
            null => null,
            string or bool or int or long or short or byte or sbyte or double or float or decimal or DateOnly => constant.Value,
            DateTimeOffset time => time.UtcDateTime,
#pragma warning disable CS0618 // The OData library parses date literals as its own Date type until version 9.
            Date date => new DateOnly(date.Year, date.Month, date.Day),
#pragma warning restore CS0618
            ODataEnumValue or Guid or TimeSpan or TimeOnly or byte[] =>
                throw QueryException.NotSupported($"Literals of type {constant.TypeReference?.FullName()} do not occur in this feed's data."),
            var other => throw QueryException.NotSupported($"Literals like {constant.LiteralText ?? other.ToString()} are not supported."),
        };
        // A literal other than null is never null, whatever type the parser gives it.
        return value is null ? new SqlValue("NULL", null) : new SqlValue(parameters.Add(dialect.Parameter(value)), constant.TypeReference.Definition.ToTypeReference(false));
    }

    private SqlValue Convert(ConvertNode convert)
    {
        var source = Value(convert.Source);
        var target = convert.TypeReference;
        if (source.Type is null)
        {
            return new SqlValue(source.Sql, target);
        }

        var becomesReal = target.IsFloating() || target.IsDecimal();
        var wasReal = source.Type.IsFloating() || source.Type.IsDecimal();
        var sql = becomesReal && !wasReal && source.Type.IsIntegral() ? dialect.ToDouble(source.Sql) : source.Sql;
        return new SqlValue(sql, target.Definition.ToTypeReference(source.IsNullable || target.IsNullable));
    }

    private SqlValue Arithmetic(BinaryOperatorNode arithmetic)
    {
        var left = Value(arithmetic.Left);
        var right = Value(arithmetic.Right);
        var type = arithmetic.TypeReference ?? left.Type ?? right.Type;
        if (type is null || !(type.IsIntegral() || type.IsFloating() || type.IsDecimal()))
        {
            throw QueryException.NotSupported("Arithmetic applies to numbers only in this feed (no date or duration arithmetic).");
        }

        var sql = arithmetic.OperatorKind switch
        {
            BinaryOperatorKind.Add => $"({left.Sql} + {right.Sql})",
            BinaryOperatorKind.Subtract => $"({left.Sql} - {right.Sql})",
            BinaryOperatorKind.Multiply => $"({left.Sql} * {right.Sql})",
            BinaryOperatorKind.Divide => dialect.Divide(left.Sql, right.Sql),
            _ when type.IsIntegral() => dialect.Modulo(left.Sql, right.Sql),
            _ => throw QueryException.NotSupported("'mod' applies to whole numbers only."),
        };
        // A division or remainder by zero is null.
        var nullable = left.IsNullable || right.IsNullable || arithmetic.OperatorKind is BinaryOperatorKind.Divide or BinaryOperatorKind.Modulo;
        return new SqlValue(sql, type.Definition.ToTypeReference(nullable));
    }

    private SqlValue Negate(UnaryOperatorNode negate)
    {
        var operand = Value(negate.Operand);
        return new SqlValue($"(-{operand.Sql})", operand.Type);
    }

    private SqlValue Function(SingleValueFunctionCallNode call)
    {
        var arguments = call.Parameters.Select(Value).ToList();
        string Argument(int index) => arguments.Count > index ? arguments[index].Sql : throw QueryException.Invalid($"{call.Name} needs {index + 1} arguments.");
        var nullable = arguments.Any(a => a.IsNullable);
        IEdmTypeReference Type(EdmPrimitiveTypeKind kind) => Core.GetPrimitive(kind, nullable);
        IEdmTypeReference Same() => arguments[0].Type?.Definition.ToTypeReference(nullable) ?? Type(EdmPrimitiveTypeKind.Double);
        return call.Name switch
        {
            "contains" => new(dialect.Contains(Argument(0), Argument(1)), Type(EdmPrimitiveTypeKind.Boolean)),
            "startswith" => new(dialect.StartsWith(Argument(0), Argument(1)), Type(EdmPrimitiveTypeKind.Boolean)),
            "endswith" => new(dialect.EndsWith(Argument(0), Argument(1)), Type(EdmPrimitiveTypeKind.Boolean)),
            "length" => new(dialect.Length(Argument(0)), Type(EdmPrimitiveTypeKind.Int32)),
            "indexof" => new(dialect.IndexOf(Argument(0), Argument(1)), Type(EdmPrimitiveTypeKind.Int32)),
            "substring" => new(dialect.Substring(Argument(0), Argument(1), arguments.Count > 2 ? Argument(2) : null), Type(EdmPrimitiveTypeKind.String)),
            "tolower" => new(dialect.Lower(Argument(0)), Type(EdmPrimitiveTypeKind.String)),
            "toupper" => new(dialect.Upper(Argument(0)), Type(EdmPrimitiveTypeKind.String)),
            "trim" => new(dialect.Trim(Argument(0)), Type(EdmPrimitiveTypeKind.String)),
            "concat" => new(dialect.Concat(Argument(0), Argument(1)), Type(EdmPrimitiveTypeKind.String)),
            "year" or "month" or "day" or "hour" or "minute" or "second" => DatePart(call.Name, Unconverted(call.Parameters.First()), arguments[0], Type(EdmPrimitiveTypeKind.Int32)),
            "round" => new(dialect.Round(Argument(0)), Same()),
            "floor" => new(dialect.Floor(Argument(0)), Same()),
            "ceiling" => new(dialect.Ceiling(Argument(0)), Same()),
            _ => throw QueryException.NotSupported($"The function '{call.Name}' is not supported. Supported: {string.Join(", ", SupportedQueries.Functions)}."),
        };
    }

    /// <param name="name">The function.</param>
    /// <param name="argument">Its argument as written, before the parser's conversions (a date it widened to a timestamp is still a date).</param>
    /// <param name="value">The argument's value.</param>
    /// <param name="type">The result's type.</param>
    private SqlValue DatePart(string name, QueryNode argument, SqlValue value, IEdmTypeReference type)
    {
        var kind = (argument as SingleValueNode)?.TypeReference?.PrimitiveKind();
        var date = kind is EdmPrimitiveTypeKind.Date;
        var timestamp = kind is EdmPrimitiveTypeKind.DateTimeOffset;
        var part = Enum.Parse<DatePart>(name, ignoreCase: true);
        if (!(timestamp || (date && part is Warehouse.Providers.DatePart.Year or Warehouse.Providers.DatePart.Month or Warehouse.Providers.DatePart.Day)))
        {
            throw QueryException.Invalid($"{name}() applies to {(part <= Warehouse.Providers.DatePart.Day ? "dates and timestamps" : "timestamps")}.");
        }

        return new SqlValue(dialect.DatePart(part, value.Sql), type);
    }

    private static QueryNode Unconverted(QueryNode node) => node is ConvertNode convert ? Unconverted(convert.Source) : node;

    private static bool IsNull(QueryNode node) => node switch
    {
        ConstantNode { Value: null } => true,
        ConvertNode convert => IsNull(convert.Source),
        _ => false,
    };

    private static BinaryOperatorKind Complement(BinaryOperatorKind kind) => kind switch
    {
        BinaryOperatorKind.GreaterThan => BinaryOperatorKind.LessThanOrEqual,
        BinaryOperatorKind.GreaterThanOrEqual => BinaryOperatorKind.LessThan,
        BinaryOperatorKind.LessThan => BinaryOperatorKind.GreaterThanOrEqual,
        _ => BinaryOperatorKind.GreaterThan,
    };

    private static string Operator(BinaryOperatorKind kind) => kind switch
    {
        BinaryOperatorKind.GreaterThan => ">",
        BinaryOperatorKind.GreaterThanOrEqual => ">=",
        BinaryOperatorKind.LessThan => "<",
        _ => "<=",
    };

    private static string Describe(QueryNode node) => node switch
    {
        AnyNode or AllNode => "any() or all(): the feed's navigations are single-valued",
        CountNode => "$count of a collection",
        SearchTermNode => "$search",
        _ => node.Kind.ToString(),
    };
}

internal static class EdmTypeExtensions
{
    public static IEdmTypeReference ToTypeReference(this IEdmType type, bool nullable) => type switch
    {
        IEdmPrimitiveType primitive => EdmCoreModel.Instance.GetPrimitive(primitive.PrimitiveKind, nullable),
        _ => throw new InvalidOperationException($"No type reference for {type}."),
    };

    public static string Invariant(this long value) => value.ToString(CultureInfo.InvariantCulture);
}
