using Observatory.Indicators.Catalogue;
using Observatory.Indicators.Computation;
using Observatory.Indicators.Disclosure;
using Observatory.Tests.Support;
using Observatory.Warehouse.Infrastructure;

namespace Observatory.Tests.Indicators;

public class CatalogueTests
{
    private const string Recovery = """
        id: recovery
        version: 1
        title: Recovery
        theme: Talking Therapies
        question: What share recovered?
        facts: Referrals
        filter: Service/Code eq 'TT' and EndDateKey ne null
        period-date: EndDate
        numerator:
          description: Recovered.
          aggregate: Recovered with sum
        denominator:
          description: Finished at caseness.
          aggregate: FinishedAtCaseness with sum
        unit: proportion
        unit-label: "%"
        polarity: higher-is-better
        breakdowns: [ethnic-group]
        periods: [financial-year]
        source: NHS Digital
        """;

    [Fact]
    public void TheShippedCatalogueCoversEveryIndicatorTheReportNeeds()
    {
        var ids = IndicatorCatalogue.Load().Indicators.Select(i => i.Id).ToHashSet();

        Assert.Superset(new HashSet<string>
        {
            "tt-referrals", "tt-access-rate", "tt-entered-treatment", "tt-finished-course", "tt-dropout", "tt-recovery",
            "tt-reliable-improvement", "tt-reliable-recovery", "tt-wait-6-weeks", "tt-wait-18-weeks",
            "camhs-referrals", "camhs-referral-rate", "camhs-wait-first-contact",
            "smi-all-six", "smi-alcohol", "smi-blood-glucose", "smi-blood-pressure", "smi-bmi", "smi-lipids", "smi-smoking",
            "gm-counselling-completions", "gm-nvr-parents", "gm-tol-participants", "gm-tol-schools", "gm-tol-wellbeing-change",
        }, ids);
        foreach (var field in new[] { "ethnicity", "sexual-orientation", "disability", "employment", "accommodation" })
        {
            Assert.Contains($"completeness-{field}-valid", ids);
            Assert.Contains($"completeness-{field}-known", ids);
        }
    }

    [Theory]
    [InlineData("unit: proportion", "unit: percentage", "unit must be one of count, proportion, rate-per-100000, mean, not 'percentage'")]
    [InlineData("breakdowns: [ethnic-group]", "breakdowns: [star-sign]", "unknown breakdown 'star-sign'")]
    [InlineData("  aggregate: FinishedAtCaseness with sum\n", "", "denominator needs either an aggregate or a population")]
    [InlineData("question: What share recovered?\n", "", "'question' is missing")]
    [InlineData("version: 1", "version: one", "not valid YAML")]
    [InlineData("id: recovery", "id: recovery-rate", "differs from the file name")]
    [InlineData("breakdowns: [ethnic-group]", "breakdowns: [ethnic-group]\nreference-groups:\n  gender: Male", "reference-groups names 'gender'")]
    public void ABadDefinitionIsRefusedNamingTheFileAndTheProblem(string replace, string with, string message)
    {
        using var folder = new TemporaryFolder();
        File.WriteAllText(Path.Combine(folder.Path, "recovery.yaml"), Recovery.Replace(replace, with, StringComparison.Ordinal));

        var error = Assert.Throws<CatalogueException>(() => IndicatorCatalogue.Load(folder.Path));

        Assert.StartsWith("recovery.yaml: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("filter: Service/Code eq 'TT' and EndDateKey ne null", "filter: Service/Colour eq 'TT'", "does not parse")]
    [InlineData("aggregate: Recovered with sum", "aggregate: Happiness with sum", "Referrals has no property 'Happiness'")]
    [InlineData("period-date: EndDate", "period-date: Service", "period-date must be a date of Referrals")]
    [InlineData("facts: Referrals", "facts: Services", "facts must name a fact set")]
    public async Task ADefinitionTheWarehouseCannotAnswerIsRefusedWhenComputed(string replace, string with, string message)
    {
        using var folder = new TemporaryFolder();
        File.WriteAllText(Path.Combine(folder.Path, "recovery.yaml"), Recovery.Replace(replace, with, StringComparison.Ordinal));
        await using var location = TestLocation.Sqlite();
        await SmallWarehouse.SeedAsync(location.Options);
        await using var warehouse = WarehouseContextFactory.Create(location.Options);

        var error = await Assert.ThrowsAsync<CatalogueException>(() =>
            new IndicatorComputation(IndicatorCatalogue.Load(folder.Path), DisclosureRules.Default).ComputeAsync(warehouse, TestContext.Current.CancellationToken));

        Assert.StartsWith("recovery.yaml: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    private sealed class TemporaryFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("observatory-catalogue-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
