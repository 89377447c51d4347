using Observatory.Indicators.Catalogue;
using Observatory.Indicators.Computation;
using Observatory.Indicators.Statistics;
using Observatory.Tests.Support;
using Observatory.Warehouse;

namespace Observatory.Tests.Indicators;

/// <summary>
/// The linked-table attack on the controlled values: its propagation and back-calculation on worked examples, its
/// soundness on the demo warehouse, and what it recovers there.
/// </summary>
public class LinkedTableAttackTests(DemoWarehouses demo)
{
    /// <summary>The scheme the controlled values had before the cell-key method, on which the engine's worked examples are set.</summary>
    private static readonly RoundedAndSuppressed Rounding = new();

    /// <summary>The scheme of the controlled values now.</summary>
    private static readonly CellKeyPerturbed CellKey = new();

    [Theory]
    [InlineData(0.0, "None", CountRole.Sole, 0, 0)]
    [InlineData(10.0, "None", CountRole.Sole, 8, 12)]
    [InlineData(1000.0, "None", CountRole.Denominator, 998, 1002)]
    [InlineData(null, "SmallCount", CountRole.Sole, 1, 7)]
    [InlineData(null, "SmallCount", CountRole.Numerator, 0, 7)]
    [InlineData(null, "SmallCount", CountRole.Denominator, 1, CountBounds.Unbounded)]
    [InlineData(null, "Secondary", CountRole.Sole, 8, CountBounds.Unbounded)]
    [InlineData(null, "Secondary", CountRole.Numerator, 0, CountBounds.Unbounded)]
    [InlineData(null, "BuiltOnSuppressed", CountRole.Sole, 0, CountBounds.Unbounded)]
    public void TheRoundingSchemeAllowsTheCountsThatRoundToThePublishedOneOrThatItWithholds(double? value, string suppression, CountRole role, long lower, long upper)
    {
        // A published 0 is a true 0: 1 and 2 would round to it, but counts of 1 to 7 are never published.
        Assert.Equal(new CountBounds(lower, upper), Rounding.Bounds(new PublishedCount(value, suppression, role)));
    }

    [Fact]
    public void AYearLessOnePublishedQuarterPinsThreeWithheldQuarters()
    {
        // Year published 35: [33, 37]; one quarter published 10: [8, 12]; three quarters withheld: [1, 7] each.
        // The three add up to at least 33 − 12 = 21 and each is at most 7, so each is 7; then the published
        // quarter is at least 33 − 21 = 12, so 12, and the year 12 + 21 = 33.
        var system = new CountSystem();
        var year = system.AddCount(Rounding.Bounds(new(35, "None", CountRole.Sole)));
        var published = system.AddCount(Rounding.Bounds(new(10, "None", CountRole.Sole)));
        var withheld = Enumerable.Range(0, 3).Select(_ => system.AddCount(Rounding.Bounds(new(null, "SmallCount", CountRole.Sole)))).ToArray();
        system.Add(new SumConstraint(year, [published, .. withheld]));

        Assert.True(system.Propagate());

        Assert.Equal(CountBounds.Exactly(33), system[year]);
        Assert.Equal(CountBounds.Exactly(12), system[published]);
        Assert.All(withheld, q => Assert.Equal(CountBounds.Exactly(7), system[q]));
        Assert.Empty(system.Contradictions);
    }

    [Fact]
    public void TheAttackFindsTheQuartersOfAYearInTheTablesAndPinsTheWithheldOnes()
    {
        // The worked example above as rows of IndicatorValues: the controlled ones and the exact ones.
        (string Period, int Start, int End, long Truth)[] periods =
        [
            ("FinancialYear", 20210401, 20220331, 33), ("Quarter", 20210401, 20210630, 12),
            ("Quarter", 20210701, 20210930, 7), ("Quarter", 20211001, 20211231, 7), ("Quarter", 20220101, 20220331, 7),
        ];
        static IndicatorValueRow Row((string Period, int Start, int End, long Truth) p, double? count, string suppression) =>
            new("referrals", p.Period, p.Start, p.End, IndicatorComputation.IcsName, Breakdown.Overall, "All", count, null, count, null, null, null, null, suppression, null);
        var tables = new LinkedTables(
            [new IndicatorLinks("referrals", IndicatorUnit.Count, "Referrals?$apply=aggregate($count as Numerator)", null)],
            [Row(periods[0], 35, "None"), Row(periods[1], 10, "None"), .. periods[2..].Select(p => Row(p, null, "SmallCount"))],
            [.. periods.Select(p => Row(p, p.Truth, "None"))],
            new Dictionary<string, (string, string)>());

        var result = new LinkedTableAttack(Rounding).Run(tables);

        Assert.Equal(3, result.Withheld.Pinned);
        Assert.Equal(3, result.Withheld.PinnedAtTruth);
        Assert.Equal(2, result.Published.Pinned);
        Assert.Empty(result.Unsound);
        Assert.Contains(result.UsedFamilies, f => f.Kind == LinkedRelations.QuarterSums);
    }

    [Fact]
    public void TwoWithheldSiblingsOfAPublishedTotalStayWithheld()
    {
        // Total 20: [18, 22]; one group 10: [8, 12]; the two withheld add up to [6, 14], which any two of 1 to 7 can.
        var system = new CountSystem();
        var total = system.AddCount(Rounding.Bounds(new(20, "None", CountRole.Sole)));
        var published = system.AddCount(Rounding.Bounds(new(10, "None", CountRole.Sole)));
        var withheld = new[] { system.AddCount(new(1, 7)), system.AddCount(new(1, 7)) };
        system.Add(new SumConstraint(total, [published, .. withheld]));

        system.Propagate();

        Assert.All(withheld, w => Assert.Equal(new CountBounds(1, 7), system[w]));
        Assert.Equal(new CountBounds(18, 22), system[total]);
    }

    [Fact]
    public void BoundsPropagateThroughLinkedTables()
    {
        // Overall 40: [38, 42] = group A 30: [28, 32] + group B withheld (secondary: 8 or more).
        // B is at most 42 − 28 = 14. The two boroughs' B: Hackney published 10 ([8, 12]) and City withheld
        // ([1, 7]) add up to B, so B is at least 9; and City's is at most 14 − 8 = 6. A and the total keep their rounding.
        var system = new CountSystem();
        var overall = system.AddCount(new(38, 42));
        var a = system.AddCount(new(28, 32));
        var b = system.AddCount(CountBounds.AtLeast(8));
        var hackney = system.AddCount(new(8, 12));
        var city = system.AddCount(new(1, 7));
        system.Add(new SumConstraint(overall, [a, b]));
        system.Add(new SumConstraint(b, [hackney, city]));

        system.Propagate();

        Assert.Equal(new CountBounds(9, 14), system[b]);
        Assert.Equal(new CountBounds(1, 6), system[city]);
        Assert.Equal(new CountBounds(28, 32), system[a]);
    }

    [Fact]
    public void AWithheldCountThatATwinPublishesIsKnownToTheRounding()
    {
        var system = new CountSystem();
        var withheld = system.AddCount(Rounding.Bounds(new(null, "Secondary", CountRole.Sole)));
        var twin = system.AddCount(Rounding.Bounds(new(10, "None", CountRole.Sole)));
        system.Add(new SumConstraint(withheld, [twin]));

        system.Propagate();

        Assert.Equal(new CountBounds(8, 12), system[withheld]);
    }

    [Fact]
    public void ASecondaryNumeratorThatCannotReachEightIsZero()
    {
        // Withheld as secondary, a proportion's numerator is 0 or at least 8; a denominator of at most 5 leaves 0.
        var numerator = new PublishedCount(null, "Secondary", CountRole.Numerator);
        var system = new CountSystem();
        var count = system.AddCount(Rounding.Bounds(numerator));
        var denominator = system.AddCount(new(1, 5));
        system.Add(new ExclusionConstraint(count, Rounding.Excluded(numerator)!.Value));
        system.Add(new AtMostConstraint(count, denominator));

        system.Propagate();

        Assert.Equal(CountBounds.Exactly(0), system[count]);
    }

    [Fact]
    public void ANumeratorIsNeverAboveItsDenominator()
    {
        var system = new CountSystem();
        var numerator = system.AddCount(new(0, 7));
        var denominator = system.AddCount(new(1, 4));
        system.Add(new AtMostConstraint(numerator, denominator));

        system.Propagate();

        Assert.Equal(new CountBounds(0, 4), system[numerator]);
    }

    [Fact]
    public void TheWidthsOfAMeansTwoIntervalsGiveAwayItsCount()
    {
        // Nine values with mean 20 and standard deviation 30 (sum 180, sum of squares 8 × 900 + 9 × 400 = 10,800):
        // se = 10, t(8) = 2.306 and 5.041, so the intervals are about 20 ± 23.1 and 20 ± 50.4; their ratio 2.186 lies
        // between those of 8 people (t(7): 5.408 / 2.365 = 2.287) and of 10 (t(9): 4.781 / 2.262 = 2.114), and rounding
        // to one decimal place moves it by less than 0.01. The count, published as 10, is 9.
        var published = RoundedMean(9, 180, 10_800);
        var system = new CountSystem();
        var people = system.AddCount(Rounding.Bounds(new(10, "None", CountRole.Sole)));
        system.Add(new PublishedStatisticsConstraint(IndicatorUnit.Mean, published, Rounding.StatisticsTolerance(IndicatorUnit.Mean)!.Value, null, people));

        system.Propagate();

        Assert.Equal(CountBounds.Exactly(9), system[people]);
    }

    [Fact]
    public void AMeanOfALargeCountKeepsItsRounding()
    {
        // At 2,000 people the t quantiles are all but the normal ones: the widths say nothing the rounding does not.
        var published = RoundedMean(2_000, 2_000 * 57.0, 2_000 * (57.0 * 57 + 400));
        var system = new CountSystem();
        var people = system.AddCount(Rounding.Bounds(new(2_000, "None", CountRole.Sole)));
        system.Add(new PublishedStatisticsConstraint(IndicatorUnit.Mean, published, Rounding.StatisticsTolerance(IndicatorUnit.Mean)!.Value, null, people));

        system.Propagate();

        Assert.Equal(new CountBounds(1_998, 2_002), system[people]);
    }

    [Fact]
    public void AProportionWhoseWilsonLimitsComeFromTheTrueCountsGivesThemAway()
    {
        // Under a scheme that withheld 3 of 17 but published its value and Wilson limits at full precision, only
        // (3, 17) among numerators 1 to 7 and denominators 15 to 19 reproduces 3/17 (6/34 is out of reach).
        var p95 = Proportions.Wilson(3, 17, ConfidenceLevel.NinetyFive);
        var p998 = Proportions.Wilson(3, 17, ConfidenceLevel.NinetyNinePointEight);
        var published = new PublishedStatistics(3.0 / 17, p95.Lower, p95.Upper, p998.Lower, p998.Upper);
        var system = new CountSystem();
        var numerator = system.AddCount(new(1, 7));
        var denominator = system.AddCount(new(15, 19));
        system.Add(new PublishedStatisticsConstraint(IndicatorUnit.Proportion, published, 0, numerator, denominator));

        system.Propagate();

        Assert.Equal(CountBounds.Exactly(3), system[numerator]);
        Assert.Equal(CountBounds.Exactly(17), system[denominator]);
    }

    [Fact]
    public async Task OnTheDemoWarehouseTheAttackNeverExcludesATrueCount()
    {
        var tables = await LinkedTables.ReadAsync(await demo.GetAsync(WarehouseProvider.Sqlite));
        var result = new LinkedTableAttack(CellKey).Run(tables);
        var truth = tables.ExactCounts();

        Assert.True(result.ReachedFixedPoint);
        Assert.Equal(0, result.Contradictions);
        Assert.Empty(result.Unsound);
        Assert.All(result.UsedFamilies, f => Assert.True(f.HoldsFor(truth), $"{f} does not hold"));
        Assert.All(result.DroppedFamilies, f => Assert.False(f.HoldsFor(truth), $"{f} holds"));
        Assert.Equal(result.Withheld.Pinned, result.Withheld.PinnedAtTruth);
        Assert.Equal(result.Published.Pinned, result.Published.PinnedAtTruth);
        // Every kind of relation takes part: a check of soundness that used none would prove nothing.
        string[] kinds = [LinkedRelations.BreakdownSums, LinkedRelations.BoroughSums, LinkedRelations.QuarterSums, LinkedRelations.EthnicRollups,
            LinkedRelations.Twins, LinkedRelations.NumeratorWithinDenominator];
        Assert.All(kinds, kind => Assert.Contains(result.UsedFamilies, f => f.Kind == kind));
    }

    [Fact]
    public async Task TheControlledValuesGiveNoWithheldCountAway()
    {
        var result = await LinkedTableAttack.RunAsync(await demo.GetAsync(WarehouseProvider.Sqlite), CellKey);
        foreach (var line in result.Report())
        {
            TestContext.Current.TestOutputHelper?.WriteLine(line);
        }

        Assert.Empty(result.Unsound);
        Assert.True(result.Withheld.Pinned == 0, $"{result.Withheld.Pinned} withheld counts pinned, e.g. {string.Join("; ", result.Withheld.Examples)}");
    }

    /// <summary>A mean with its intervals as the controlled table shows it: computed from the exact counts, then rounded to one decimal place.</summary>
    private static PublishedStatistics RoundedMean(double n, double sum, double sumOfSquares)
    {
        var (mean, ci95, _) = Means.Estimate(n, sum, sumOfSquares, ConfidenceLevel.NinetyFive);
        var ci998 = Means.Estimate(n, sum, sumOfSquares, ConfidenceLevel.NinetyNinePointEight).Interval!.Value;
        static double Round(double v) => Math.Round(v, 1, MidpointRounding.AwayFromZero);
        return new(Round(mean), Round(ci95!.Value.Lower), Round(ci95.Value.Upper), Round(ci998.Lower), Round(ci998.Upper));
    }
}
