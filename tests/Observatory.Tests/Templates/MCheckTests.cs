using Microsoft.OData.Edm;
using Observatory.Tests.Clients;
using Observatory.Tests.Support;
using Observatory.Warehouse;

namespace Observatory.Tests.Templates;

/// <summary>The M checks themselves: each catches the mistake it is there for, on small expressions of our own.</summary>
public class MCheckTests(DemoWarehouses demo)
{
    private const string Options = """[Implementation="2.0", ODataVersion=4, OmitValues=ODataOmitValues.Nulls, ApiKeyName="api-key"]""";

    private static string Referrals(string url, string options = Options, string filter = "[ReferralDateKey] >= DateKey(RangeStart)") => $$"""
        let
            Source = OData.Feed(ObservatoryUrl & "{{url}}", null, {{options}}),
            #"Filtered rows" = Table.SelectRows(Source, each {{filter}})
        in
            #"Filtered rows"
        """;

    [Fact]
    public async Task AWellFormedFeedQueryPassesEveryCheck()
    {
        var parsed = await PowerQueryParser.ParseAsync("good", Referrals("/odata/Referrals?$select=ReferralId,ReferralDateKey&$filter=EthnicityKey ne 0"));

        Assert.True(parsed.Ok, parsed.Describe());
        Assert.Empty(MChecks.UnknownNames(parsed, ["ObservatoryUrl", "RangeStart", "DateKey"]));
        Assert.Empty(FeedCallChecks.Problems(parsed, await ModelAsync()));
        Assert.Equal(["DateKey", "OData.Feed", "ODataOmitValues.Nulls", "ObservatoryUrl", "RangeStart", "Table.SelectRows"], parsed.FreeIdentifiers);
        Assert.Equal(["ReferralDateKey"], parsed.Fields);
    }

    [Fact]
    public async Task AnUnparsableExpressionFailsWithTheParsersPosition()
    {
        var parsed = await PowerQueryParser.ParseAsync("broken", "let\n    Source = OData.Feed(ObservatoryUrl & \"/odata/Referrals\", null\nin\n    Source");

        var problem = Assert.Single(MChecks.Unparsed([parsed]));
        Assert.Contains("line 3", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownNameFails()
    {
        var parsed = await PowerQueryParser.ParseAsync("misspelt", Referrals("/odata/Referrals").Replace("Table.SelectRows", "Table.SelectRow", StringComparison.Ordinal));

        Assert.Contains(MChecks.UnknownNames(parsed, ["ObservatoryUrl", "RangeStart", "DateKey"]), p => p.Contains("'Table.SelectRow'", StringComparison.Ordinal));
        Assert.Contains(MChecks.UnknownNames(parsed, ["ObservatoryUrl", "RangeStart"]), p => p.Contains("'DateKey'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/odata/Referral?$select=ReferralId", "'Referral' is not an entity set")]
    [InlineData("/odata/Referrals?$select=ReferralId,ReferalDateKey", "ReferalDateKey")]
    [InlineData("/odata/Referrals?$select=ReferralId,ReferralDateKey&$filter=EthnicKey eq 1", "EthnicKey")]
    [InlineData("Referrals?$select=ReferralId", "not the URL parameter")]
    public async Task AMisspeltSetOrColumnInTheFeedUrlFails(string url, string expected)
    {
        var parsed = await PowerQueryParser.ParseAsync("misspelt", Referrals(url));

        Assert.Contains(FeedCallChecks.Problems(parsed, await ModelAsync()), p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("[ReferalDateKey] >= 0", "[ReferalDateKey] is not a property")]
    [InlineData("[EthnicityKey] = 1", "[EthnicityKey] is not in the feed's $select")]
    public async Task AFieldTheRowsDoNotHaveFails(string filter, string expected)
    {
        var parsed = await PowerQueryParser.ParseAsync("field", Referrals("/odata/Referrals?$select=ReferralId,ReferralDateKey", filter: filter));

        Assert.Contains(FeedCallChecks.Problems(parsed, await ModelAsync()), p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AFeedWithoutTheRequiredOptionsFails()
    {
        var parsed = await PowerQueryParser.ParseAsync("options", Referrals("/odata/Referrals", options: """[Implementation="2.0"]"""));

        var problems = FeedCallChecks.Problems(parsed, await ModelAsync());
        Assert.Contains(problems, p => p.Contains("ODataVersion=4", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("OmitValues=ODataOmitValues.Nulls", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("odata/MonthlyReferrals", "groupby((Month/FinancialYear,EthnicityGroup),aggregate(Referrals with sum as Total))", null)]
    [InlineData("odata/MonthlyReferral", "groupby((EthnicityGroup))", "'MonthlyReferral' is not an entity set")]
    [InlineData("odata/MonthlyReferrals", "groupby((EthnicGroup))", "EthnicGroup")]
    public async Task AnAggregationThroughWebContentsIsCheckedLikeAFeedUrl(string path, string apply, string? expected)
    {
        var parsed = await PowerQueryParser.ParseAsync("apply", $$"""
            let
                Response = Json.Document(Web.Contents(ObservatoryUrl, [RelativePath = "{{path}}", Query = [#"$apply" = "{{apply}}"], ApiKeyName = "api-key"])),
                Rows = Table.FromRecords(Response[value])
            in
                Rows
            """);

        var problems = FeedCallChecks.Problems(parsed, await ModelAsync());
        if (expected is null)
        {
            Assert.Empty(problems);
        }
        else
        {
            Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
        }
    }

    private async Task<IEdmModel> ModelAsync()
    {
        using var host = new FeedHost(await demo.GetAsync(WarehouseProvider.Sqlite));
        return (await StrictODataClient.ConnectAsync(host.CreateClient())).Model;
    }
}
