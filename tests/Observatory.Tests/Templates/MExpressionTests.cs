using Observatory.Tests.Clients;
using Observatory.Tests.Support;
using Observatory.Warehouse;

namespace Observatory.Tests.Templates;

/// <summary>
/// Every piece of M in the templates, parsed by Microsoft's Power Query parser and checked against the live feed's
/// $metadata: what a user would otherwise first learn of from a failed refresh in Power BI or Excel.
/// </summary>
public class MExpressionTests(DemoWarehouses demo)
{
    [Fact]
    public async Task EveryMExpressionParses()
    {
        var expressions = await TemplateM.AllAsync();
        var parsed = await PowerQueryParser.ParseAsync(expressions);

        var unparsed = MChecks.Unparsed(parsed);
        Assert.True(unparsed.Count == 0, string.Join("\n", unparsed));
        // Each kind is there: a TMDL reader that found nothing would otherwise pass.
        Assert.Contains(expressions, e => e.Name.Contains(": expression ", StringComparison.Ordinal));
        Assert.Contains(expressions, e => e.Name.Contains(": partition source ", StringComparison.Ordinal));
        Assert.Contains(expressions, e => e.Name.EndsWith(".pq", StringComparison.Ordinal));
        Assert.Contains(expressions, e => e.Name.Contains(".odc: query ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryNameAnExpressionUsesIsAParameterOrQueryOfTheModelOrALibraryName()
    {
        var defined = TemplateM.DefinedInExpressionsTmdl();
        var parsed = await PowerQueryParser.ParseAsync(await TemplateM.AllAsync());

        var unknown = parsed.Where(m => m.Ok).SelectMany(m => MChecks.UnknownNames(m, defined)).ToList();
        Assert.True(unknown.Count == 0, string.Join("\n", unknown));
        Assert.Contains("ObservatoryUrl", defined);
    }

    [Fact]
    public async Task EveryFeedCallNamesASetAndPropertiesOfTheFeedWithTheRequiredOptions()
    {
        using var host = new FeedHost(await demo.GetAsync(WarehouseProvider.Sqlite));
        var model = (await StrictODataClient.ConnectAsync(host.CreateClient())).Model;
        var parsed = await PowerQueryParser.ParseAsync(await TemplateM.AllAsync());

        var problems = parsed.Where(m => m.Ok).SelectMany(m => FeedCallChecks.Problems(m, model)).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Contains(parsed, m => m.AllCalls.Any(call => call.Function == "OData.Feed"));
    }
}
