using System.Globalization;
using Observatory.Indicators.Catalogue;
using Observatory.Indicators.Statistics;

namespace Observatory.Templates.Dax;

/// <summary>
/// An indicator's value and its 95% interval in DAX, by the same methods as the feed (<see cref="Methods"/>):
/// Wilson's score interval for a proportion (<see cref="Proportions.Wilson"/>), the exact Poisson interval below
/// 10 events and Byar's approximation from 10 up for a count and a rate (<see cref="Counts"/>), and the t interval
/// from the running sums for a mean (<see cref="Means"/>). Each expression reads the numerator and denominator
/// measures, so a report's filters move all of them together.
/// </summary>
public static class IntervalDax
{
    private static readonly ConfidenceLevel Level = ConfidenceLevel.NinetyFive;

    private static string Z => Number(Level.Z);

    public static IReadOnlyList<string> Value(IndicatorUnit unit, string numerator, string? denominator) => unit switch
    {
        IndicatorUnit.Count => [$"[{numerator}]"],
        IndicatorUnit.Proportion or IndicatorUnit.Mean =>
            [$"VAR x = [{numerator}] + 0", $"VAR n = [{denominator}]", "RETURN", "    IF ( n > 0, x / n )"],
        IndicatorUnit.RatePer100000 =>
            [$"VAR x = [{numerator}] + 0", $"VAR n = [{denominator}]", "RETURN", "    IF ( n > 0, x * 100000 / n )"],
        _ => throw new TemplateException($"No DAX value for unit {unit}."),
    };

    public static IReadOnlyList<string> Limit(IndicatorUnit unit, bool upper, string numerator, string? denominator, string? sumOfSquares) => unit switch
    {
        IndicatorUnit.Proportion => Wilson(upper, numerator, denominator!),
        IndicatorUnit.Count => [$"VAR x = [{numerator}]", .. Poisson(upper), "RETURN", "    IF ( NOT ISBLANK ( x ), limit )"],
        IndicatorUnit.RatePer100000 =>
            [$"VAR x = [{numerator}] + 0", $"VAR n = [{denominator}]", .. Poisson(upper), "RETURN", "    IF ( n > 0, limit * 100000 / n )"],
        IndicatorUnit.Mean => TInterval(upper, numerator, denominator!, sumOfSquares!),
        _ => throw new TemplateException($"No DAX interval for unit {unit}."),
    };

    // (2x + z² ± z√(z² + 4x(1 − p))) / 2(n + z²), kept inside [0, 1].
    private static IReadOnlyList<string> Wilson(bool upper, string numerator, string denominator) =>
    [
        $"VAR x = [{numerator}] + 0",
        $"VAR n = [{denominator}]",
        $"VAR z = {Z}",
        "VAR p = DIVIDE ( x, n )",
        $"VAR limit = ( 2 * x + z * z {(upper ? "+" : "-")} z * SQRT ( z * z + 4 * x * ( 1 - p ) ) ) / ( 2 * ( n + z * z ) )",
        "RETURN",
        upper ? "    IF ( n > 0, MIN ( 1, limit ) )" : "    IF ( n > 0, MAX ( 0, limit ) )",
    ];

    // Exact: χ²(α/2; 2x)/2 and χ²(1 − α/2; 2x + 2)/2; Byar: x(1 − 1/9x − z/3√x)³ and (x + 1)(1 − 1/9(x + 1) + z/3√(x + 1))³.
    private static IReadOnlyList<string> Poisson(bool upper) => upper
        ?
        [
            $"VAR z = {Z}",
            "VAR y = x + 1",
            $"VAR limit = IF ( x < {Number(Counts.ExactBelow)}, CHISQ.INV ( {Number(1 - Level.Alpha / 2)}, 2 * x + 2 ) / 2, y * POWER ( 1 - 1 / ( 9 * y ) + z / ( 3 * SQRT ( y ) ), 3 ) )",
        ]
        :
        [
            $"VAR z = {Z}",
            $"VAR limit = IF ( x = 0, 0, IF ( x < {Number(Counts.ExactBelow)}, CHISQ.INV ( {Number(Level.Alpha / 2)}, 2 * x ) / 2, x * POWER ( 1 - 1 / ( 9 * x ) - z / ( 3 * SQRT ( x ) ), 3 ) ) )",
        ];

    // mean ± t(1 − α/2; n − 1) × s / √n, with s from the sums as the feed computes it.
    private static IReadOnlyList<string> TInterval(bool upper, string numerator, string denominator, string sumOfSquares) =>
    [
        $"VAR n = [{denominator}]",
        $"VAR total = [{numerator}] + 0",
        $"VAR squares = [{sumOfSquares}] + 0",
        "VAR mean = DIVIDE ( total, n )",
        "VAR sd = SQRT ( MAX ( 0, ( squares - n * mean * mean ) / ( n - 1 ) ) )",
        "RETURN",
        $"    IF ( n >= 2, mean {(upper ? "+" : "-")} T.INV.2T ( {Number(Level.Alpha)}, n - 1 ) * sd / SQRT ( n ) )",
    ];

    private static string Number(double value) => value.ToString("G15", CultureInfo.InvariantCulture);
}
