using System.Collections.Concurrent;
using Observatory.Indicators.Catalogue;
using Observatory.Indicators.Statistics;

namespace Observatory.Tests.Support;

/// <summary>A row's published value and its 95% and 99.8% limits (none where the unit gives no interval).</summary>
public sealed record PublishedStatistics(double Value, double? Lower95, double? Upper95, double? Lower998, double? Upper998);

/// <summary>
/// The counts that reproduce a row's published value and intervals when computed from the true counts, by the
/// production statistics (Wilson for proportions, exact or Byar's for counts and rates, the t distribution for
/// means). Narrows only when its counts' bounds leave few enough candidates to try each one.
/// </summary>
public sealed class PublishedStatisticsConstraint : ICountConstraint
{
    /// <summary>Most candidate (numerator, denominator) pairs tried at once.</summary>
    public const long MaxCandidates = 2_500;

    private static readonly ConfidenceLevel P95 = ConfidenceLevel.NinetyFive;
    private static readonly ConfidenceLevel P998 = ConfidenceLevel.NinetyNinePointEight;
    private static readonly ConcurrentDictionary<(long, double), double> TQuantiles = new();

    private readonly double _tolerance;
    private readonly double _population;

    /// <param name="numerator">The numerator's count, for every unit but a mean (whose numerator is a sum, not a count).</param>
    /// <param name="denominator">The denominator's count, for proportions and means.</param>
    /// <param name="population">A rate's census population.</param>
    public PublishedStatisticsConstraint(IndicatorUnit unit, PublishedStatistics published, double tolerance, int? numerator, int? denominator, double population = 0)
    {
        (Unit, Published, Numerator, Denominator, _population) = (unit, published, numerator, denominator, population);
        // Published figures are doubles that went through arithmetic: allow for the last bits.
        _tolerance = tolerance + 1e-9 * Math.Max(1, Math.Abs(published.Value));
        Members = [.. new[] { numerator, denominator }.OfType<int>()];
    }

    public IReadOnlyList<int> Members { get; }

    public IndicatorUnit Unit { get; }

    public PublishedStatistics Published { get; }

    public int? Numerator { get; }

    public int? Denominator { get; }

    public void Narrow(CountSystem system)
    {
        var numerators = Numerator is { } x ? system[x] : CountBounds.Exactly(0);
        var denominators = Denominator is { } n ? system[n] : CountBounds.Exactly(0);
        if (Admitted(numerators, denominators) is not { } admitted)
        {
            return;
        }

        if (admitted.Numerators is not { } xs || admitted.Denominators is not { } ns)
        {
            system.Contradict(this);
            return;
        }

        if (Numerator is { } numerator)
        {
            system.Tighten(numerator, xs.Lower, xs.Upper, this);
        }

        if (Denominator is { } denominator)
        {
            system.Tighten(denominator, ns.Lower, ns.Upper, this);
        }
    }

    /// <summary>
    /// The smallest bounds holding every candidate within <paramref name="numerators"/> and
    /// <paramref name="denominators"/> that reproduces the published figures (null bounds where none does); null
    /// when there are too many candidates to try.
    /// </summary>
    public (CountBounds? Numerators, CountBounds? Denominators)? Admitted(CountBounds numerators, CountBounds denominators)
    {
        if (numerators.Size > MaxCandidates || denominators.Size > MaxCandidates || numerators.Size * denominators.Size > MaxCandidates)
        {
            return null;
        }

        long xLow = long.MaxValue, xHigh = long.MinValue, nLow = long.MaxValue, nHigh = long.MinValue;
        for (var x = numerators.Lower; x <= numerators.Upper; x++)
        {
            for (var n = denominators.Lower; n <= denominators.Upper; n++)
            {
                if (Reproduces(x, n))
                {
                    (xLow, xHigh, nLow, nHigh) = (Math.Min(xLow, x), Math.Max(xHigh, x), Math.Min(nLow, n), Math.Max(nHigh, n));
                }
            }
        }

        return xLow > xHigh ? (null, null) : (new CountBounds(xLow, xHigh), new CountBounds(nLow, nHigh));
    }

    private bool Reproduces(long x, long n) => Unit switch
    {
        IndicatorUnit.Count => Matches(x, Counts.Interval(x, P95), Counts.Interval(x, P998)),
        IndicatorUnit.Proportion => n > 0 && x <= n && Matches((double)x / n, Proportions.Wilson(x, n, P95), Proportions.Wilson(x, n, P998)),
        IndicatorUnit.RatePer100000 => _population > 0 && RateMatches(x),
        IndicatorUnit.Mean => MeanAdmits(n),
        _ => true,
    };

    private bool RateMatches(long x)
    {
        var (rate, ci95) = Counts.Rate(x, _population, P95);
        return Matches(rate, ci95, Counts.Rate(x, _population, P998).Interval);
    }

    private bool Matches(double value, Interval ci95, Interval ci998) =>
        Near(value, Published.Value) && Near(ci95.Lower, Published.Lower95) && Near(ci95.Upper, Published.Upper95)
        && Near(ci998.Lower, Published.Lower998) && Near(ci998.Upper, Published.Upper998);

    private bool Near(double computed, double? published) => published is not { } p || Math.Abs(computed - p) <= _tolerance;

    /// <summary>
    /// A mean's intervals are m ± t(n − 1) × se, so whatever the spread of the values, the widths of the two
    /// intervals stand in the ratio of the two t quantiles, which falls as n grows. With every figure rounded, n is
    /// possible when some mean m and standard error se ≥ 0 reproduce all five figures within the tolerance: a
    /// linear feasibility problem in (m, se), decided by eliminating m (Fourier–Motzkin): each published figure p
    /// with coefficient c asks p − tol ≤ m + c·se ≤ p + tol, and m exists when (cₖ − cⱼ)·se ≤ (pₖ + tol) − (pⱼ − tol)
    /// for every pair.
    /// </summary>
    private bool MeanAdmits(long n)
    {
        if (Published.Lower95 is null)
        {
            // Means.Estimate gives no interval below two observations.
            return n == 1;
        }

        if (n < 2)
        {
            return false;
        }

        var (t95, t998) = (TQuantile(n, P95), TQuantile(n, P998));
        var figures = new (double Coefficient, double? Published)[]
        {
            (0, Published.Value), (-t95, Published.Lower95), (t95, Published.Upper95), (-t998, Published.Lower998), (t998, Published.Upper998),
        };
        double lowest = 0, highest = double.PositiveInfinity;
        foreach (var (cj, pj) in figures.Where(f => f.Published is not null))
        {
            foreach (var (ck, pk) in figures.Where(f => f.Published is not null))
            {
                var (coefficient, bound) = (ck - cj, pk!.Value - pj!.Value + 2 * _tolerance);
                if (coefficient > 0)
                {
                    highest = Math.Min(highest, bound / coefficient);
                }
                else if (coefficient < 0)
                {
                    lowest = Math.Max(lowest, bound / coefficient);
                }
                else if (bound < 0)
                {
                    return false;
                }
            }
        }

        return lowest <= highest;
    }

    /// <summary>t(1 − α/2; n − 1), read from the production mean as the half-width for a standard error of one.</summary>
    private static double TQuantile(long n, ConfidenceLevel level) =>
        TQuantiles.GetOrAdd((n, level.Level), _ => Means.Estimate(n, 0, n * (n - 1.0), level).Interval!.Value.Upper);
}
