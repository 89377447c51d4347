using Observatory.Indicators.Catalogue;

namespace Observatory.Tests.Support;

/// <summary>The whole numbers a true count may be: from <see cref="Lower"/> to <see cref="Upper"/>, both included.</summary>
public readonly record struct CountBounds(long Lower, long Upper)
{
    /// <summary>Stands for "no upper bound"; small enough that a few thousand of them add up without overflow.</summary>
    public const long Unbounded = long.MaxValue / 4096;

    public static CountBounds Exactly(long count) => new(count, count);

    public static CountBounds AtLeast(long lower) => new(lower, Unbounded);

    public bool IsPinned => Lower == Upper;

    public bool IsBounded => Upper < Unbounded;

    /// <summary>How many values the bounds allow (at least 1 for bounds that are not empty).</summary>
    public long Size => Upper - Lower + 1;

    public bool Contains(long count) => Lower <= count && count <= Upper;

    public override string ToString() => IsBounded ? $"[{Lower}, {Upper}]" : $"[{Lower}, ∞)";
}

/// <summary>Which of its row's protected counts a published count is.</summary>
public enum CountRole
{
    /// <summary>The row's only protected count: a count's or a rate's numerator, a mean's number of people.</summary>
    Sole,

    /// <summary>The numerator of a proportion, protected with its denominator and never larger than it.</summary>
    Numerator,

    /// <summary>The denominator of a proportion.</summary>
    Denominator,
}

/// <summary>
/// One count as a row of the controlled table shows it: its value (null where withheld), the row's suppression and,
/// for a proportion's numerator, the denominator published beside it.
/// </summary>
public readonly record struct PublishedCount(double? Value, string Suppression, CountRole Role, double? Denominator = null);

/// <summary>
/// What an intruder knows of a disclosure scheme: the true counts that a published count allows, and how the
/// published statistics (value and intervals) relate to the true counts. One class per scheme.
/// </summary>
public interface IPublishedCountModel
{
    /// <summary>The true counts consistent with what the row shows of one count.</summary>
    CountBounds Bounds(PublishedCount count);

    /// <summary>Counts within <see cref="Bounds"/> that the scheme still rules out; null where it rules out none.</summary>
    CountBounds? Excluded(PublishedCount count) => null;

    /// <summary>
    /// How far a published statistic of the unit may lie from the one computed from the true counts; null where the
    /// statistics are computed from the published counts, and so tell nothing more about the true ones.
    /// </summary>
    double? StatisticsTolerance(IndicatorUnit unit);
}

/// <summary>
/// The current scheme (<c>CellSuppression</c> with <c>DisclosureRules</c>): counts of 1 to
/// <paramref name="suppressAtMost"/> withheld, secondary partners withheld with them, every other count rounded to
/// the nearest <paramref name="roundTo"/> (half away from zero). A row is withheld when any of its protected counts
/// is, and its suppression names the first one withheld: the numerator's, else the denominator's. Proportions,
/// rates and counts are recomputed from the published counts; a mean keeps its exact value and intervals,
/// rounded to <paramref name="meanDecimals"/> decimal places.
/// </summary>
public sealed class RoundedAndSuppressed(int roundTo = 5, int suppressAtMost = 7, int meanDecimals = 1) : IPublishedCountModel
{
    public CountBounds Bounds(PublishedCount count) => (count.Value, count.Suppression, count.Role) switch
    {
        ({ } value, _, _) => Rounded((long)value),
        (null, "SmallCount", CountRole.Sole) => new(1, suppressAtMost),
        // Either the numerator is small, or the denominator is and the numerator is no larger.
        (null, "SmallCount", CountRole.Numerator) => new(0, suppressAtMost),
        (null, "SmallCount", CountRole.Denominator) => CountBounds.AtLeast(1),
        // A secondary partner is a published count chosen to go with a small one: never zero, never small.
        (null, "Secondary", CountRole.Sole or CountRole.Denominator) => CountBounds.AtLeast(suppressAtMost + 1),
        _ => CountBounds.AtLeast(0),
    };

    /// <summary>
    /// A proportion's numerator in a row withheld as secondary is either the secondary partner (never small) or
    /// a count that was not withheld at all (zero, or more than small): small it never is.
    /// </summary>
    public CountBounds? Excluded(PublishedCount count) =>
        count is { Value: null, Suppression: "Secondary", Role: CountRole.Numerator } ? new CountBounds(1, suppressAtMost) : null;

    public double? StatisticsTolerance(IndicatorUnit unit) => unit == IndicatorUnit.Mean ? 0.5 * Math.Pow(10, -meanDecimals) : null;

    /// <summary>The counts that round to <paramref name="published"/>, less the small ones, which are never published.</summary>
    private CountBounds Rounded(long published)
    {
        var (lower, upper) = (Math.Max(0, published - roundTo / 2), published + (roundTo - 1) / 2);
        lower = lower >= 1 && lower <= suppressAtMost ? suppressAtMost + 1 : lower;
        upper = upper >= 1 && upper <= suppressAtMost ? 0 : upper;
        return new(lower, upper);
    }
}

/// <summary>
/// The cell-key scheme (<c>CellKeys</c> with <c>DisclosureRules</c>): each count published as itself plus a
/// perturbation of at most <paramref name="maximumDeviation"/>, zero only from a true count of at most that, a true
/// zero always as zero; a published count from 1 to <paramref name="withheldAtMost"/> withheld, and the row with it;
/// a proportion's numerator published no larger than its denominator. Values and intervals are computed from the
/// published counts (a mean's from its published count), so they tell nothing more.
/// </summary>
public sealed class CellKeyPerturbed(int maximumDeviation = 4, int withheldAtMost = 7) : IPublishedCountModel
{
    public CountBounds Bounds(PublishedCount count) => (count.Value, count.Suppression, count.Role) switch
    {
        (0, _, _) => new(0, maximumDeviation),
        // Cut down to the denominator: the numerator as perturbed was at least this.
        ({ } value, _, CountRole.Numerator) when value == count.Denominator => CountBounds.AtLeast(Math.Max(1, (long)value - maximumDeviation)),
        ({ } value, _, _) => new(Math.Max(1, (long)value - maximumDeviation), (long)value + maximumDeviation),
        (null, _, CountRole.Sole) => new(1, withheldAtMost + maximumDeviation),
        // Either this count was published small, or the denominator was and this one is no larger.
        (null, _, CountRole.Numerator) => new(0, withheldAtMost + maximumDeviation),
        // Either this count was published small, or the numerator was and this one is no smaller.
        (null, _, _) => CountBounds.AtLeast(1),
    };

    public double? StatisticsTolerance(IndicatorUnit unit) => null;
}
