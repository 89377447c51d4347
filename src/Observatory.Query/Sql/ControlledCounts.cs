using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;
using Microsoft.OData.UriParser.Aggregation;
using Observatory.Query.Model;
using Observatory.Warehouse.Infrastructure;
using Observatory.Warehouse.Model;

namespace Observatory.Query.Sql;

/// <summary>
/// How a count is released at the controlled level, in SQL (the cell-key method: see Observatory.Indicators'
/// CellKeys, which implements it): from the exact count and the sum of its contributors' record keys.
/// </summary>
public interface ICountRelease
{
    /// <summary>The count as released: perturbed, and NULL where the published count is withheld.</summary>
    string Released(string count, string keySum);

    /// <summary>A condition true when the count as published is above the threshold, so that its group may be listed.</summary>
    string Listed(string count, string keySum);
}

/// <summary>
/// What a caller at the controlled level may ask of a fact set through <c>$apply</c>: the rows are grouped and
/// counted before anything leaves the database, and only counts are released, each by <see cref="ICountRelease"/>.
/// <list type="bullet">
/// <item>Aggregates: <c>$count</c> (rows), <c>PersonId with countdistinct</c> (people) and <c>with sum</c> of a 0/1
/// flag (the rows it marks). Averages, minimums, maximums and other sums would release people's values unprotected.</item>
/// <item>Grouping: by the attributes of dimensions (as <c>Ethnicity/BroadGroup</c>), a fact's dimension keys and its
/// flags: never by an identifier or a measured value, which would list people one group each.</item>
/// <item>Filters before the grouping: a choice of categories (<see cref="CheckCondition"/>), never an identifier (of
/// the row, the person, or a related fact row). No <c>compute</c> before the grouping.</item>
/// <item>A group is listed only when one of its counts is published above the threshold; a withheld count is null.</item>
/// </list>
/// Steps after the first grouping work on released values only, so they are free.
/// </summary>
public sealed class ControlledCounts(ICountRelease release)
{
    private const string Aggregates = "$count, PersonId with countdistinct, and sum of a 0/1 flag";

    public ICountRelease Release => release;

    /// <summary>Whether a set's rows carry record keys, so that its counts can be released at the controlled level.</summary>
    public static bool Covers(IEdmEntitySet set) => ClrType(set.EntityType) is { } type && typeof(IKeyedRecord).IsAssignableFrom(type);

    /// <summary>Refuses a step before the first grouping that the controlled level does not allow.</summary>
    internal static void CheckBeforeGrouping(TransformationNode step)
    {
        switch (step)
        {
            case FilterTransformationNode filter:
                CheckCondition(filter.FilterClause.Expression);
                break;
            case ComputeTransformationNode:
                throw QueryException.Forbidden("At the controlled level compute may not come before the grouping: values computed from single rows could be grouped or counted unprotected. Compute from the grouped counts instead, after groupby(...).");
        }
    }

    /// <summary>
    /// Refuses a condition over fact rows that is not a choice of categories: <c>Property eq value</c> on a property
    /// the rows may be grouped by, joined by <c>and</c>. Unions, exclusions and ranges (<c>or</c>, <c>ne</c>,
    /// <c>not</c>, <c>in</c>, <c>lt</c> …) would let a researcher ask for many different sets of rows that differ by the
    /// same few people, each with noise of its own, and average the differences (docs/disclosure.md measures it).
    /// </summary>
    public static void CheckCondition(QueryNode node)
    {
        if (Identifier(node) is { } identifier)
        {
            throw QueryException.Forbidden($"At the controlled level a filter may not use {identifier}: an identifier singles a person out.");
        }

        switch (node)
        {
            case BinaryOperatorNode { OperatorKind: BinaryOperatorKind.And } and:
                CheckCondition(and.Left);
                CheckCondition(and.Right);
                break;
            case BinaryOperatorNode { OperatorKind: BinaryOperatorKind.Equal } equal when Picks(equal.Left, equal.Right) || Picks(equal.Right, equal.Left):
                break;
            default:
                throw QueryException.Forbidden(
                    "At the controlled level a filter before the grouping picks categories: Property eq value on dimension attributes, dimension keys " +
                    "or flags, joined by and (as Area/Borough eq 'Hackney' and ReferralDate/FinancialYear eq '2022/23'). Unions, exclusions and ranges " +
                    "would let two counts differ by a few people: group by the property instead, and add up or filter the released groups after the grouping.");
        }
    }

    /// <summary>Whether a comparison picks one value of a property the rows may be grouped by.</summary>
    private static bool Picks(SingleValueNode property, SingleValueNode value) =>
        Unwrapped(property) is SingleValuePropertyAccessNode picked && Groupable(picked) && Unwrapped(value) is ConstantNode;

    private static SingleValueNode Unwrapped(SingleValueNode node) => node is ConvertNode convert ? Unwrapped(convert.Source) : node;

    /// <summary>The first identifier a condition names, if any.</summary>
    private static string? Identifier(QueryNode node) => node switch
    {
        SingleValuePropertyAccessNode property => IsIdentifier(property) ? property.Property.Name : Identifier(property.Source),
        BinaryOperatorNode binary => Identifier(binary.Left) ?? Identifier(binary.Right),
        UnaryOperatorNode unary => Identifier(unary.Operand),
        ConvertNode convert => Identifier(convert.Source),
        InNode @in => Identifier(@in.Left),
        SingleValueFunctionCallNode call => call.Parameters.Select(Identifier).FirstOrDefault(i => i is not null),
        SingleNavigationNode navigation => Identifier(navigation.Source),
        _ => null,
    };

    /// <summary>Refuses a grouped property that would list identifiers or measured values.</summary>
    internal static void CheckGroup(string[] path, SingleValueNode node)
    {
        if (node is SingleValuePropertyAccessNode property && Groupable(property))
        {
            return;
        }

        throw QueryException.Forbidden($"At the controlled level rows may be grouped by the attributes of dimensions (as Ethnicity/BroadGroup), dimension keys and 0/1 flags; not by '{string.Join('/', path)}', which would list single people or their values.");
    }

    /// <summary>What an aggregate counts: rows, the rows a flag of the set's own marks, or distinct people; anything else is refused.</summary>
    internal static (CountKind Kind, SingleValuePropertyAccessNode? Property) Classify(AggregateExpressionBase expression)
    {
        if (expression is AggregateExpression aggregate)
        {
            switch (aggregate.Method)
            {
                case AggregationMethod.VirtualPropertyCount:
                    return (CountKind.Rows, null);
                case AggregationMethod.Sum when aggregate.Expression is SingleValuePropertyAccessNode { Source: ResourceRangeVariableReferenceNode } flag && IsFlag(flag):
                    return (CountKind.Flag, flag);
                case AggregationMethod.CountDistinct when aggregate.Expression is SingleValuePropertyAccessNode { Source: ResourceRangeVariableReferenceNode, Property.Name: nameof(IPersonRecord.PersonId) } person:
                    return (CountKind.People, person);
            }

            throw QueryException.Forbidden($"At the controlled level only counts are released ({Aggregates}); '{aggregate.Alias}' asks for {Describe(aggregate)}, which would release people's values unprotected.");
        }

        throw QueryException.Forbidden($"At the controlled level only counts are released: {Aggregates}.");
    }

    /// <summary>The exact count and the sum of its contributors' record keys, over the fact rows <paramref name="alias"/>.</summary>
    internal static (string Count, string KeySum) OverFacts(CountKind kind, string? column, string alias)
    {
        var recordKey = $"{alias}.\"{nameof(IKeyedRecord.RecordKey)}\"";
        return kind switch
        {
            CountKind.Rows => ("COUNT(*)", $"SUM({recordKey})"),
            CountKind.Flag => ($"SUM({column})", $"SUM({recordKey} * {column})"),
            // A count of people has the cell key of the sum of their distinct record keys.
            _ => ($"COUNT(DISTINCT {column})", $"SUM(DISTINCT {alias}.\"{nameof(IPersonRecord.PersonRecordKey)}\")"),
        };
    }

    private static string Describe(AggregateExpression aggregate) => aggregate.Method switch
    {
        AggregationMethod.Sum => "a sum of something other than a 0/1 flag of the set's own rows",
        AggregationMethod.CountDistinct => "a count of distinct values other than PersonId",
        var method => $"the {method.ToString().ToLowerInvariant()} of a value",
    };

    private static bool Groupable(SingleValuePropertyAccessNode property) => IsDimension(property.Property.DeclaringType) || IsDimensionKeyOrFlag(property);

    private static bool IsIdentifier(SingleValuePropertyAccessNode property)
    {
        var type = property.Property.DeclaringType as IEdmEntityType;
        if (type is null || IsDimension(type))
        {
            return false;
        }

        var name = property.Property.Name;
        return name == nameof(IPersonRecord.PersonId) || type.Key().Any(k => k.Name == name)
            || type.NavigationProperties().Any(n => !IsDimension(n.ToEntityType()) && n.DependentProperties()?.Any(d => d.Name == name) == true);
    }

    private static bool IsDimensionKeyOrFlag(SingleValuePropertyAccessNode property) =>
        IsFlag(property) || (property.Property.DeclaringType as IEdmEntityType)?.NavigationProperties()
            .Any(n => IsDimension(n.ToEntityType()) && n.DependentProperties()?.Any(d => d.Name == property.Property.Name) == true) == true;

    private static bool IsFlag(SingleValuePropertyAccessNode property) => WarehouseColumns.IsFlag(property.Property);

    private static bool IsDimension(IEdmStructuredType type) => ClrType(type) is { } clr && !WarehouseTables.Facts.Contains(clr);

    private static Type? ClrType(IEdmStructuredType type) => WarehouseColumns.ClrType(type);
}

/// <summary>What a released count counts.</summary>
internal enum CountKind
{
    Rows,
    Flag,
    People,
}
