using Observatory.Indicators.Disclosure;

namespace Observatory.Tests.Indicators;

public class CellSuppressionTests
{
    private static readonly DisclosureRules Rules = DisclosureRules.Default;

    [Fact]
    public void CountsOfOneToSevenAreWithheldAndTheRestRoundedToFive()
    {
        long[] counts = [0, 1, 7, 8, 12, 13, 1002];
        var published = CellSuppression.Protect(counts, [], Rules);
        Assert.Equal([0L, null, null, 10L, 10L, 15L, 1000L], published.Select(p => p.Value));
        Assert.Equal(Suppression.SmallCount, published[1].Suppression);
        Assert.Equal(Suppression.None, published[0].Suppression);
    }

    [Fact]
    public void ASingleWithheldSiblingTakesTheSmallestOtherCellWithIt()
    {
        // A breakdown whose total is published elsewhere: 3 alone withheld would be "total minus the rest".
        long[] counts = [120, 3, 40, 25];
        var published = CellSuppression.Protect(counts, [[0, 1, 2, 3]], Rules);
        Assert.Equal(Suppression.SmallCount, published[1].Suppression);
        Assert.Equal(Suppression.Secondary, published[3].Suppression);
        Assert.Equal([120L, null, 40L, null], published.Select(p => p.Value));
    }

    [Fact]
    public void ATotalMinusThePublishedCellsNeverIsolatesAWithheldCell()
    {
        // Adversary: knows the published (rounded) total of the group and every published cell.
        long[] counts = [2, 9, 31, 57, 6, 400];
        var published = CellSuppression.Protect(counts, [[0, 1, 2, 3, 4, 5]], Rules);
        var withheld = published.Select((p, i) => (p, i)).Where(c => c.p.Value is null).Select(c => c.i).ToArray();
        Assert.True(withheld.Length >= 2);
        var total = Rules.Round(counts.Sum());
        var remainder = total - published.Sum(p => p.Value ?? 0);
        // What is left over is the sum of at least two withheld cells (give or take the rounding), never one cell.
        Assert.NotEqual(counts[withheld[0]], remainder);
        var sum = withheld.Sum(i => counts[i]);
        Assert.InRange(remainder, sum - 2.5 * counts.Length, sum + 2.5 * counts.Length);
    }

    [Fact]
    public void OverlappingBreakdownsCannotBeDifferencedToAWithheldCell()
    {
        // Broad group Black (cell 0) and its detailed categories Caribbean, African, other Black (cells 1..3);
        // broad groups White (4) and Black (0) under the overall total. Other Black is 5: publishing the rest
        // would give it away as Black minus Caribbean minus African.
        long[] counts = [160, 70, 85, 5, 300];
        int[][] groups = [[0, 4], [1, 2, 3]];
        var published = CellSuppression.Protect(counts, groups, Rules);
        Assert.Null(published[3].Value);
        Assert.Equal(Suppression.Secondary, published[1].Suppression);
        Assert.All(groups, group => Assert.NotEqual(1, group.Count(i => published[i].Value is null)));
    }

    [Fact]
    public void SecondarySuppressionFollowsThroughLinkedGroupsUntilEveryGroupIsSafe()
    {
        // Cell 2 belongs to two groups; withholding it for the first leaves the second with one withheld cell.
        long[] counts = [4, 50, 20, 90, 100, 300];
        int[][] groups = [[0, 1, 2], [2, 3, 4], [4, 5]];
        var published = CellSuppression.Protect(counts, groups, Rules);
        Assert.Equal(Suppression.SmallCount, published[0].Suppression);
        Assert.Equal(Suppression.Secondary, published[2].Suppression);
        Assert.Equal(Suppression.Secondary, published[3].Suppression);
        Assert.All(groups, group => Assert.NotEqual(1, group.Count(i => published[i].Value is null)));
    }

    [Fact]
    public void ZerosAreNotDisclosiveAndAreNotWithheldAsPartners()
    {
        long[] counts = [0, 0, 3, 0];
        var published = CellSuppression.Protect(counts, [[0, 1, 2, 3]], Rules);
        Assert.Equal([0L, 0L, null, 0L], published.Select(p => p.Value));
    }

    [Fact]
    public void RulesAreConfigurable()
    {
        var strict = new DisclosureRules { SuppressAtMost = 10, RoundTo = 10 };
        var published = CellSuppression.Protect([10, 11, 26], [], strict);
        Assert.Equal([null, 10L, 30L], published.Select(p => p.Value));
        Assert.Throws<InvalidOperationException>(() => new DisclosureRules { RoundTo = 0 }.Validate());
    }
}
