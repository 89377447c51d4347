using System.Globalization;
using Observatory.Indicators.Catalogue;
using Observatory.Indicators.Disclosure;
using Observatory.Indicators.Queries;
using Observatory.Indicators.Statistics;
using Observatory.Warehouse.Model.Indicators;

namespace Observatory.Reports.Model;

/// <summary>How indicator values read in a report: one format per unit, the reason a value is missing, and its link.</summary>
public sealed class Figures(string feedRoot)
{
    private static readonly CultureInfo English = CultureInfo.InvariantCulture;

    public string FeedRoot { get; } = feedRoot.TrimEnd('/');

    /// <summary>An absolute link to a feed URL given relative to the feed's root, its query options escaped.</summary>
    public string Link(string relative)
    {
        var question = relative.IndexOf('?', StringComparison.Ordinal);
        if (question < 0)
        {
            return $"{FeedRoot}/{relative}";
        }

        // Options are split where the next one starts ("&$"), so an "&" inside a value stays in it.
        var options = relative[(question + 1)..].Split("&$").Select((option, i) => i == 0 ? option : "$" + option).Select(option =>
        {
            var equals = option.IndexOf('=', StringComparison.Ordinal);
            return equals < 0 ? option : $"{option[..(equals + 1)]}{Escape(option[(equals + 1)..])}";
        });
        return $"{FeedRoot}/{relative[..question]}?{string.Join("&", options)}";
    }

    /// <summary>Escapes a query option's value, keeping the characters OData reads literally ( ( ) ' / $ , : ) so the link stays readable.</summary>
    private static string Escape(string value)
    {
        var escaped = new System.Text.StringBuilder(Uri.EscapeDataString(value));
        foreach (var (code, character) in Readable)
        {
            escaped.Replace(code, character);
        }

        return escaped.ToString();
    }

    private static readonly (string Code, string Character)[] Readable = [("%28", "("), ("%29", ")"), ("%27", "'"), ("%2F", "/"), ("%24", "$"), ("%2C", ","), ("%3A", ":")];

    public Figure Value(IndicatorValue value, IndicatorDefinition definition) => value.Value is { } number
        ? new Figure(number, Format(number, definition.Unit), Link(IndicatorQueries.Value(value)))
        : Missing(value, definition.Unit);

    /// <summary>The value's 95% confidence interval, e.g. "48.1% to 55.3%".</summary>
    public Figure Interval(IndicatorValue value, IndicatorDefinition definition) =>
        value is { Lower95: { } lower, Upper95: { } upper }
            ? new Figure(null, $"{Format(lower, definition.Unit)} to {Format(upper, definition.Unit)}", Link(IndicatorQueries.Value(value)))
            : Figure.Plain("");

    /// <summary>A count behind a value (its numerator or denominator), as published.</summary>
    public Figure Count(double? count, IndicatorValue value) => count is { } n
        ? new Figure(n, n.ToString("N0", English), Link(IndicatorQueries.Value(value)))
        : Missing(value);

    public static Figure Judgement(string judgement, string? against) => judgement switch
    {
        "NotCompared" or "" => new Figure(null, "not compared", Note: "No interval to compare, or this is the group compared with."),
        _ => new Figure(null, judgement, Note: against is null ? null : $"Compared with {against}: 95% confidence intervals"),
    };

    public static string Format(double value, IndicatorUnit unit) => unit switch
    {
        IndicatorUnit.Proportion => (value * 100).ToString("F1", English) + "%",
        IndicatorUnit.Count => value.ToString("N0", English),
        IndicatorUnit.Mean => value.ToString("0.0", English),
        _ => value.ToString("N1", English),
    };

    /// <summary>A target as its documents state it: "50%", "60%", "95%".</summary>
    public static string Target(double value, IndicatorUnit unit) =>
        unit == IndicatorUnit.Proportion ? (value * 100).ToString("0.#", English) + "%" : Format(value, unit);

    public static string Format(Interval interval, IndicatorUnit unit) => $"{Format(interval.Lower, unit)} to {Format(interval.Upper, unit)}";

    private Figure Missing(IndicatorValue value, IndicatorUnit? unit = null) => Enum.Parse<Suppression>(value.Suppression) switch
    {
        Suppression.SmallCount => new Figure(null, "withheld", Link(IndicatorQueries.Value(value)), "Based on a count published as 1 to 7."),
        _ => new Figure(null, "no value", Link(IndicatorQueries.Value(value)),
            unit == IndicatorUnit.RatePer100000 ? "The census has no population for this group." : "No one in the denominator."),
    };
}
