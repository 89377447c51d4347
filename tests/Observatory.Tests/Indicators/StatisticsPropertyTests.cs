using CsCheck;
using Observatory.Indicators.Statistics;

namespace Observatory.Tests.Indicators;

/// <summary>Properties every interval must have, over generated counts.</summary>
public class StatisticsPropertyTests
{
    private static readonly ConfidenceLevel P95 = ConfidenceLevel.NinetyFive;
    private static readonly ConfidenceLevel P998 = ConfidenceLevel.NinetyNinePointEight;

    private static readonly Gen<(int X, int N)> Proportion = Gen.Int[1, 200_000].SelectMany(n => Gen.Int[0, n].Select(x => (x, n)));

    [Fact]
    public void WilsonLimitsBracketTheProportionInsideZeroToOne() => Proportion.Sample(t =>
    {
        var p = (double)t.X / t.N;
        var interval = Proportions.Wilson(t.X, t.N, P95);
        Assert.InRange(interval.Lower, 0, p);
        Assert.InRange(interval.Upper, p, 1);
    });

    [Fact]
    public void WilsonIntervalIsWiderAtTheHigherLevel() => Proportion.Sample(t =>
    {
        var (i95, i998) = (Proportions.Wilson(t.X, t.N, P95), Proportions.Wilson(t.X, t.N, P998));
        Assert.True(i998.Lower <= i95.Lower && i998.Upper >= i95.Upper);
    });

    [Fact]
    public void WilsonIntervalWidensAsTheSampleShrinks() => Gen.Int[1, 50_000].Sample(n =>
    {
        // The same proportion (one half) from fewer people is less certain.
        var (large, small) = (Proportions.Wilson(n, 2 * n, P95), Proportions.Wilson(n / 2.0, n, P95));
        Assert.True(small.Upper - small.Lower > large.Upper - large.Lower);
    });

    [Fact]
    public void WilsonBehavesAtNoneAndAtAll() => Gen.Int[1, 100_000].Sample(n =>
    {
        Assert.Equal(0, Proportions.Wilson(0, n, P95).Lower);
        Assert.Equal(1, Proportions.Wilson(n, n, P95).Upper, 12);
        Assert.True(Proportions.Wilson(0, n, P95).Upper > 0);
        Assert.True(Proportions.Wilson(n, n, P95).Lower < 1);
    });

    [Fact]
    public void CountLimitsBracketTheCountAndAreContinuousAtTheSwitchToByar()
    {
        Gen.Int[0, 1_000_000].Sample(x =>
        {
            var interval = Counts.Interval(x, P95);
            Assert.InRange(interval.Lower, 0, x);
            Assert.True(interval.Upper > x);
        });
        // Byar's approximation is close to the exact limits where the method switches (9 exact, 10 Byar's).
        var (exact, byar) = (Counts.Exact(10, P95), Counts.Byar(10, P95));
        Assert.Equal(exact.Lower, byar.Lower, 1);
        Assert.Equal(exact.Upper, byar.Upper, 0);
    }

    [Fact]
    public void RelativeWidthOfACountIntervalFallsAsTheCountGrows() => Gen.Int[1, 100_000].Sample(x =>
    {
        var (small, large) = (Counts.Interval(x, P95), Counts.Interval(x + 1, P95));
        Assert.True((large.Upper - large.Lower) / (x + 1) < (small.Upper - small.Lower) / x);
    });

    [Fact]
    public void DifferenceIntervalContainsTheDifferenceAndStaysWithinItsRange() => Proportion.Select(Proportion).Sample(pair =>
    {
        var ((x1, n1), (x2, n2)) = pair;
        var (d, interval) = Proportions.Difference(x1, n1, x2, n2, P95);
        Assert.InRange(d, interval.Lower - 1e-12, interval.Upper + 1e-12);
        Assert.True(interval.Lower >= -1 - 1e-12 && interval.Upper <= 1 + 1e-12);
    });

    [Fact]
    public void RatioIntervalContainsTheRatio() => Proportion.Select(Proportion).Where(p => p.Item1.X > 0 && p.Item2.X > 0).Sample(pair =>
    {
        var ((x1, n1), (x2, n2)) = pair;
        var (ratio, interval) = Proportions.Ratio(x1, n1, x2, n2, P95)!.Value;
        Assert.InRange(ratio, interval.Lower * (1 - 1e-12), interval.Upper * (1 + 1e-12));
    });

    [Fact]
    public void RatioIsUndefinedWithoutEvents()
    {
        Assert.Null(Proportions.Ratio(0, 10, 5, 10, P95));
        Assert.Null(Counts.RateRatio(5, 1000, 0, 1000, P95));
    }

    [Fact]
    public void MeanOfIdenticalValuesHasAZeroWidthInterval()
    {
        var (mean, interval, sd) = Means.Estimate(4, 20, 100, P95);
        Assert.Equal(5, mean);
        Assert.Equal(0, sd);
        Assert.Equal(new Interval(5, 5), interval);
        Assert.Null(Means.Estimate(1, 5, 25, P95).Interval);
    }

    [Fact]
    public void TrendNeedsFivePeriodsAndFindsNoChangeInAFlatSeries()
    {
        Assert.Equal(TrendDirection.NotEnoughData, Trend.OfProportions([(5, 10), (5, 10), (5, 10), (5, 10)], P998).Direction);
        Assert.Equal(TrendDirection.NoSignificantChange, Trend.OfProportions([(50, 100), (50, 100), (51, 100), (50, 100), (50, 100)], P998).Direction);
        Assert.Equal(TrendDirection.Increasing, Trend.OfProportions([(100, 1000), (200, 1000), (300, 1000), (400, 1000), (500, 1000)], P998).Direction);
    }

    [Fact]
    public void JudgementsFollowPolarity()
    {
        var low = new Interval(0.40, 0.44);
        var high = new Interval(0.50, 0.55);
        Assert.Equal(Judgement.Worse, Judgements.AgainstReference(0.42, low, 0.52, high, Polarity.HigherIsBetter));
        Assert.Equal(Judgement.Better, Judgements.AgainstReference(0.42, low, 0.52, high, Polarity.LowerIsBetter));
        Assert.Equal(Judgement.Lower, Judgements.AgainstReference(0.42, low, 0.52, high, Polarity.NoJudgement));
        Assert.Equal(Judgement.Similar, Judgements.AgainstReference(0.42, low, 0.43, new Interval(0.43, 0.47), Polarity.HigherIsBetter));
        Assert.Equal(Judgement.Worse, Judgements.AgainstBenchmark(low, 0.5, Polarity.HigherIsBetter));
        Assert.Equal(Judgement.Better, Judgements.AgainstBenchmark(high, 0.45, Polarity.HigherIsBetter));
        Assert.Equal(Judgement.Similar, Judgements.AgainstBenchmark(high, 0.52, Polarity.HigherIsBetter));
    }
}
