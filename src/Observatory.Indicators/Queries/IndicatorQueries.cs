using System.Globalization;
using Observatory.Indicators.Catalogue;
using Observatory.Indicators.Computation;

namespace Observatory.Indicators.Queries;

/// <summary>
/// The OData URLs (relative to the feed's root) that reproduce an indicator's numerator and denominator from
/// the fact sets, so every published figure can be traced to, and checked against, the rows behind it.
/// </summary>
public static class IndicatorQueries
{
    public static string Numerator(IndicatorDefinition definition, string? restriction = null) =>
        Url(definition.Facts, [definition.Filter, definition.Numerator.Filter, restriction], As(definition.Numerator.Aggregate!, "Numerator"));

    public static string Denominator(IndicatorDefinition definition, string? restriction = null) =>
        definition.Denominator switch
        {
            { Population: { } population } => Url(IndicatorPlan.PopulationTable, [population], "Residents with sum as Denominator"),
            { Aggregate: { } aggregate } d => Url(definition.Facts, [definition.Filter, d.Filter, restriction], As(aggregate, "Denominator")),
            _ => throw new InvalidOperationException($"{definition.Id} has no denominator."),
        };

    /// <summary>The filter that narrows an indicator's rows to one period (by its period date), e.g. for one published value.</summary>
    public static string Period(IndicatorDefinition definition, int startKey, int endKey) => string.Create(CultureInfo.InvariantCulture,
        $"{definition.PeriodDate}Key ge {startKey} and {definition.PeriodDate}Key le {endKey}");

    private static string As(string aggregate, string alias) => $"{aggregate} as {alias}";

    private static string Url(string set, IEnumerable<string?> filters, string aggregate)
    {
        var conditions = filters.OfType<string>().Select(f => $"({f})").ToList();
        var filter = conditions.Count == 0 ? "" : $"filter({string.Join(" and ", conditions)})/";
        return $"{set}?$apply={filter}aggregate({aggregate})";
    }
}
