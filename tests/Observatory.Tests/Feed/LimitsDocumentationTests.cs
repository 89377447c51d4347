using Observatory.Api.Feed.Limits;

namespace Observatory.Tests.Feed;

/// <summary>The researcher's guide lists the limits the feed applies, as the one object that holds them describes them.</summary>
public class LimitsDocumentationTests
{
    [Fact]
    public void TheGuidesLimitsTableIsTheFeedsOwnDescriptionOfItsDefaults()
    {
        var guide = File.ReadAllText(Path.Combine(ReportReproductionTests.RepositoryRoot(), "docs", "researchers-guide.md"));
        var block = guide[(guide.IndexOf("<!-- limits -->", StringComparison.Ordinal) + "<!-- limits -->".Length)..guide.IndexOf("<!-- /limits -->", StringComparison.Ordinal)];
        var documented = block.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(2).ToList();

        var described = new FeedLimits().Describe().Select(l => $"| {l.Limit} | {l.Value} | {l.PastIt} |").ToList();

        Assert.Equal(described, documented);
    }
}
