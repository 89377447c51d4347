using System.Globalization;
using Observatory.Indicators.Catalogue;
using Observatory.Indicators.Computation;
using Observatory.Warehouse.Model.Indicators;

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

    /// <summary>
    /// One URL giving both the numerator and the denominator, when they are aggregates over the same rows (a mean:
    /// the sum of the values and the number of people); otherwise the numerator's URL alone.
    /// </summary>
    public static string Measures(IndicatorDefinition definition, string? restriction = null) =>
        definition is { Denominator: { Aggregate: { } denominator, Filter: null }, Numerator.Filter: null }
            ? Url(definition.Facts, [definition.Filter, restriction], $"{As(definition.Numerator.Aggregate!, "Numerator")},{As(denominator, "Denominator")}")
            : Numerator(definition, restriction);

    /// <summary>The filter that narrows an indicator's rows to one period (by its period date), e.g. for one published value.</summary>
    public static string Period(IndicatorDefinition definition, int startKey, int endKey) => string.Create(CultureInfo.InvariantCulture,
        $"{definition.PeriodDate}Key ge {startKey} and {definition.PeriodDate}Key le {endKey}");

    /// <summary>The feed URL that returns one published value (the caller's disclosure level decides which of its two rows).</summary>
    public static string Value(IndicatorValue value) =>
        "IndicatorValues?$filter=" + string.Join(" and ",
            Equal(nameof(value.IndicatorId), value.IndicatorId), Equal(nameof(value.PeriodType), value.PeriodType), Equal(nameof(value.Period), value.Period),
            Equal(nameof(value.Area), value.Area), Equal(nameof(value.Breakdown), value.Breakdown), Equal(nameof(value.GroupCode), value.GroupCode));

    private static string Equal(string property, string text) => $"{property} eq '{text.Replace("'", "''", StringComparison.Ordinal)}'";

    private static string As(string aggregate, string alias) => $"{aggregate} as {alias}";

    private static string Url(string set, IEnumerable<string?> filters, string aggregate)
    {
        var conditions = filters.OfType<string>().Select(f => $"({f})").ToList();
        var filter = conditions.Count == 0 ? "" : $"filter({string.Join(" and ", conditions)})/";
        return $"{set}?$apply={filter}aggregate({aggregate})";
    }
}
