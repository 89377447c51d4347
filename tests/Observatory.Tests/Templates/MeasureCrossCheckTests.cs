using System.Text.RegularExpressions;
using Observatory.Indicators.Catalogue;
using Observatory.Tests.Support;
using Observatory.Warehouse;

namespace Observatory.Tests.Templates;

/// <summary>
/// The committed model's measures against the feed on the demo warehouse: every indicator the catalogue publishes
/// for financial years must be reproduced by its measures, and a measure changed in any way that matters must not be.
/// </summary>
public class MeasureCrossCheckTests(DemoWarehouses demo)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryFinancialYearIndicatorIsReproducedByItsMeasures()
    {
        var indicators = IndicatorCatalogue.Load().Indicators.Where(i => i.Periods.Contains(PeriodType.FinancialYear)).ToList();
        using var host = await HostAsync();
        var check = new MeasureCrossCheck(TmdlDocument.Load(TmdlDocument.CommittedFolder), Feed(host));

        var problems = new List<string>();
        foreach (var indicator in indicators)
        {
            problems.AddRange(await check.CheckAsync(indicator, Cancel));
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
        Assert.True(indicators.Count >= 30, $"{indicators.Count} indicators");
        // Four figures for each indicator (numerator, value and interval), a fifth where it has a denominator.
        Assert.True(check.Compared >= 4 * indicators.Count, $"{check.Compared} figures compared");
    }

    /// <summary>A filter value changed, a filter dropped, the date role swapped, a wrong z, a shape the translator does not know.</summary>
    [Theory]
    [InlineData("tt-recovery", "numerator", "Services\\[Code\\] = \"TT\"", "Services[Code] = \"CAMHS\"", "tt-recovery numerator")]
    [InlineData("tt-dropout", "denominator", ",\\s*KEEPFILTERS \\( Referrals\\[EnteredTreatment\\] = 1 \\)", "", "tt-dropout denominator")]
    [InlineData("tt-recovery", "denominator", "Referrals\\[EndDateKey\\], Dates", "Referrals[ReferralDateKey], Dates", "tt-recovery denominator")]
    [InlineData("tt-recovery", "lower95", "1\\.9599639845400\\d*", "1.6448536269514722", "tt-recovery lower95")]
    [InlineData("completeness-ethnicity-known", "numerator", "Ethnicities\\[IsKnown\\] = TRUE \\(\\)", "Ethnicities[IsKnown] = FALSE ()", "completeness-ethnicity-known numerator")]
    [InlineData("camhs-wait-first-contact", "sumOfSquares", "\\* Referrals\\[WaitToFirstContactDays\\]", "* 1", "cannot be read back into a feed query")]
    [InlineData("tt-recovery", "numerator", "KEEPFILTERS \\( Services\\[Code\\] = \"TT\" \\)", "Services[Code] = \"TT\"", "cannot be read back into a feed query")]
    public async Task AChangedMeasureDisagreesWithThePublishedValue(string indicator, string part, string pattern, string replacement, string reported)
    {
        var model = TmdlDocument.Load(TmdlDocument.CommittedFolder);
        var measure = model.Measures.Single(m => m.Annotation(MeasureCrossCheck.IndicatorAnnotation) == indicator && m.Annotation(MeasureCrossCheck.PartAnnotation) == part);
        Assert.Single(Regex.Matches(measure.DefaultValue!, pattern));
        measure.DefaultValue = Regex.Replace(measure.DefaultValue!, pattern, replacement);
        using var host = await HostAsync();

        var problems = await new MeasureCrossCheck(model, Feed(host)).CheckAsync(IndicatorCatalogue.Load()[indicator], Cancel);

        Assert.Contains(problems, p => p.Contains(reported, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnIndicatorWithoutMeasuresFails()
    {
        var model = TmdlDocument.Load(TmdlDocument.CommittedFolder);
        foreach (var measure in model.Measures.Where(m => m.Annotation(MeasureCrossCheck.IndicatorAnnotation) == "tt-recovery"))
        {
            measure.Children.RemoveAll(a => a.Type == "annotation" && a.Name == MeasureCrossCheck.IndicatorAnnotation);
        }

        using var host = await HostAsync();

        var problems = await new MeasureCrossCheck(model, Feed(host)).CheckAsync(IndicatorCatalogue.Load()["tt-recovery"], Cancel);

        Assert.Contains("tt-recovery: no numerator measure", problems);
    }

    private async Task<FeedHost> HostAsync() =>
        new(await demo.GetAsync(WarehouseProvider.Sqlite), new Dictionary<string, string?> { ["Disclosure:Demo"] = "Unrestricted" });

    private static HttpClient Feed(FeedHost host)
    {
        var client = host.CreateClient();
        client.BaseAddress = new Uri(client.BaseAddress!, "odata/");
        return client;
    }
}
