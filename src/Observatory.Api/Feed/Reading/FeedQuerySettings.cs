using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Query.Validator;
using Microsoft.OData.UriParser;

namespace Observatory.Api.Feed.Reading;

/// <summary>How the feed binds and validates query options: the same limits on every path.</summary>
public static class FeedQuerySettings
{
    /// <summary>The filter functions that translate to SQL on both providers (and that $metadata lists).</summary>
    public const AllowedFunctions TranslatableFunctions =
        AllowedFunctions.Contains | AllowedFunctions.StartsWith | AllowedFunctions.EndsWith | AllowedFunctions.Length |
        AllowedFunctions.IndexOf | AllowedFunctions.Substring | AllowedFunctions.ToLower | AllowedFunctions.ToUpper |
        AllowedFunctions.Trim | AllowedFunctions.Concat | AllowedFunctions.Year | AllowedFunctions.Month |
        AllowedFunctions.Day | AllowedFunctions.Round | AllowedFunctions.Floor | AllowedFunctions.Ceiling;

    /// <summary>Binding for EF Core: plain member access (SQL handles nulls) and constants as parameters (plans are reused).</summary>
    public static ODataQuerySettings Binding { get; } = new()
    {
        HandleNullPropagation = HandleNullPropagationOption.False,
        EnableConstantParameterization = true,
        EnsureStableOrdering = false,
    };

    public static ODataValidationSettings Validation(FeedLimits limits) => new()
    {
        MaxTop = limits.MaxTop,
        MaxExpansionDepth = limits.MaxExpansionDepth,
        MaxNodeCount = limits.MaxNodeCount,
        MaxAnyAllExpressionDepth = limits.MaxAnyAllExpressionDepth,
        AllowedFunctions = TranslatableFunctions,
    };

    /// <summary>Checks the limits the library does not: the length of 'in' lists.</summary>
    public static void CheckInLists(FilterClause? filter, FeedLimits limits)
    {
        if (filter is not null)
        {
            Check(filter.Expression, limits);
        }
    }

    private static void Check(QueryNode node, FeedLimits limits)
    {
        switch (node)
        {
            case InNode { Right: CollectionConstantNode list } when list.Collection.Count > limits.MaxInListLength:
                throw new FeedLimitException(
                    $"An 'in' list has {list.Collection.Count} values; the limit is {limits.MaxInListLength}. Split the query, or filter on a dimension attribute instead.");
            case BinaryOperatorNode binary:
                Check(binary.Left, limits);
                Check(binary.Right, limits);
                break;
            case UnaryOperatorNode unary:
                Check(unary.Operand, limits);
                break;
            case ConvertNode convert:
                Check(convert.Source, limits);
                break;
        }
    }
}
