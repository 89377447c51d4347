using System.Globalization;
using System.Text.Json;
using Microsoft.OData.Edm;
using Observatory.Api.Feed.Limits;
using Observatory.Api.Feed.Metadata;
using Observatory.Tests.Support;
using Observatory.Warehouse;

namespace Observatory.Tests.Clients;

/// <summary>
/// The feed as five real npm OData clients use it, each sending requests its own way (tests/clients): the SAP Cloud
/// SDK and odata2ts generate a client from the running feed's $metadata; @odata/client, o.js and odata-query do not.
/// Every value is checked against the warehouse with plain SQL, and every request is the one the client sent.
/// </summary>
public class NpmClientTests(DemoWarehouses demo, NpmClients clients) : IClassFixture<NpmClients>
{
    /// <summary>The filter every client's paging, count and grouping steps use (lib/steps.cjs).</summary>
    private const string Filtered = "\"ReferralDateKey\" >= 20230901";

    [Theory]
    [InlineData("sap")]
    [InlineData("odata2ts")]
    public async Task GeneratorsBuildAClientForEveryEntitySetFromTheRunningFeedsMetadata(string client)
    {
        var step = (await clients.RunAsync(client, demo)).Step("generate");
        var generated = step.Value().GetProperty("apis").EnumerateArray().Select(a => a.GetString()!).ToList();
        var sets = FeedCapabilities.Build(new FeedLimits()).EntityContainer.EntitySets().Select(s => s.Name);

        Assert.Equal("/odata/$metadata", Assert.Single(step.Urls));
        // The SAP SDK names each set's API in camel case with an 'Api' suffix; odata2ts keeps the set's name.
        var expected = client == "sap" ? sets.Select(s => char.ToLowerInvariant(s[0]) + s[1..] + "Api") : sets;
        Assert.Equal(expected.Order(StringComparer.Ordinal), generated.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("sap", "key", "/odata/Referrals(ReferralId=42L)")]
    [InlineData("odata2ts", "key", "/odata/Referrals(42)")]
    [InlineData("odata2ts", "key-named", "/odata/Referrals(ReferralId=42)?$select=ReferralId,EthnicityKey")]
    [InlineData("odata-client", "key", "/odata/Referrals(42)")]
    [InlineData("odata-client", "key-named", "/odata/Referrals(ReferralId=42)")]
    [InlineData("ojs", "key", "/odata/Referrals(42)")]
    [InlineData("ojs", "key-named", "/odata/Referrals(ReferralId=42)")]
    [InlineData("odata-query", "key", "/odata/Referrals(42)")]
    [InlineData("odata-query", "key-named", "/odata/Referrals(ReferralId=42)")]
    public async Task EachClientReadsAReferralByKeyInTheFormItSends(string client, string stepName, string sent)
    {
        var step = (await clients.RunAsync(client, demo)).Step(stepName);
        var referral = step.Value();

        Assert.Equal(sent, Assert.Single(step.Urls));
        Assert.Equal(42, referral.GetProperty("ReferralId").GetInt64());
        Assert.Equal(await ScalarAsync("SELECT \"EthnicityKey\" FROM \"Referrals\" WHERE \"ReferralId\" = 42"), referral.GetProperty("EthnicityKey").GetInt64());
    }

    [Fact]
    public async Task TheSapClientExpandsTheEthnicityOfAReferralItReadsByNamedKey()
    {
        var step = (await clients.RunAsync("sap", demo)).Step("key-expand");
        var referral = step.Value();

        Assert.Equal("/odata/Referrals(ReferralId=42L)?$select=ReferralId&$expand=Ethnicity($select=Name)", Assert.Single(step.Urls));
        Assert.Equal(42, referral.GetProperty("ReferralId").GetInt64());
        Assert.Equal(await EthnicityOfReferral42Async("Name"), referral.GetProperty("Ethnicity").GetProperty("Name").GetString());
    }

    [Theory]
    [InlineData("sap", "/odata/Referrals(ReferralId=42L)/Ethnicity")]
    [InlineData("odata2ts", "/odata/Referrals(42)/Ethnicity")]
    [InlineData("odata-client", "/odata/Referrals(42)/Ethnicity")]
    [InlineData("ojs", "/odata/Referrals(42)/Ethnicity")]
    [InlineData("odata-query", "/odata/Referrals(42)/Ethnicity")]
    public async Task EachClientFollowsTheNavigationFromAReferralToItsEthnicity(string client, string sent)
    {
        var step = (await clients.RunAsync(client, demo)).Step("navigation");
        var ethnicity = step.Value();

        Assert.Equal(sent, Assert.Single(step.Urls));
        Assert.Equal(await EthnicityOfReferral42Async("Code"), ethnicity.GetProperty("Code").GetString());
        Assert.Equal(await ScalarAsync("SELECT \"EthnicityKey\" FROM \"Referrals\" WHERE \"ReferralId\" = 42"), ethnicity.GetProperty("EthnicityKey").GetInt64());
    }

    [Theory]
    [InlineData("sap", "/odata/Ethnicities(EthnicityKey=3)/Code")]
    [InlineData("odata2ts", "/odata/Ethnicities(3)/Code")]
    [InlineData("odata-client", "/odata/Ethnicities(3)/Code")]
    [InlineData("ojs", "/odata/Ethnicities(3)/Code")]
    [InlineData("odata-query", "/odata/Ethnicities(3)/Code")]
    public async Task EachClientReadsOnePropertyOfAnEthnicity(string client, string sent)
    {
        var step = (await clients.RunAsync(client, demo)).Step("property");

        Assert.Equal(await CodeOfEthnicity3Async(), step.Value().GetString());
        Assert.Equal(sent, Assert.Single(step.Urls));
    }

    /// <summary>odata2ts and @odata/client have no way to ask for a raw value.</summary>
    [Theory]
    [InlineData("sap", "/odata/Ethnicities(EthnicityKey=3)/Code/$value")]
    [InlineData("ojs", "/odata/Ethnicities(3)/Code/$value")]
    [InlineData("odata-query", "/odata/Ethnicities(3)/Code/$value")]
    public async Task ClientsThatAddressARawValueReadItAsText(string client, string sent)
    {
        var step = (await clients.RunAsync(client, demo)).Step("value");

        Assert.Equal(await CodeOfEthnicity3Async(), step.Value().GetString());
        Assert.Equal(sent, Assert.Single(step.Urls));
    }

    [Theory]
    [InlineData("sap")]
    [InlineData("odata2ts")]
    [InlineData("odata-client")]
    [InlineData("ojs")]
    [InlineData("odata-query")]
    public async Task EachClientReadsTheFirstRowsOfAFilteredSelection(string client)
    {
        var step = (await clients.RunAsync(client, demo)).Step("filter-select-top");
        var rows = step.Value().EnumerateArray().ToList();
        var url = Assert.Single(step.Urls);

        Assert.Contains("$select=ReferralId,EthnicityKey", url, StringComparison.Ordinal);
        Assert.Contains("$top=3", url, StringComparison.Ordinal);
        Assert.Equal(3, rows.Count);
        foreach (var row in rows)
        {
            var id = row.GetProperty("ReferralId").GetInt64();
            var database = Assert.Single(await RowsAsync($"SELECT \"EthnicityKey\" FROM \"Referrals\" WHERE \"ReferralId\" = {id} AND {Filtered}"));
            Assert.Equal(Convert.ToInt64(database[0], CultureInfo.InvariantCulture), row.GetProperty("EthnicityKey").GetInt64());
        }
    }

    [Theory]
    [InlineData("sap", "/odata/Referrals/$count?$filter=(ReferralDateKey ge 20230901)")]
    [InlineData("odata2ts", "/odata/Referrals?$filter=ReferralDateKey ge 20230901&$count=true&$top=0")]
    [InlineData("odata-client", "/odata/Referrals?$filter=ReferralDateKey ge 20230901&$top=1&$count=true")]
    [InlineData("ojs", "/odata/Referrals/$count?$filter=ReferralDateKey ge 20230901")]
    [InlineData("odata-query", "/odata/Referrals/$count?$filter=ReferralDateKey ge 20230901")]
    public async Task EachClientCountsTheReferralsOfAFilter(string client, string sent)
    {
        var step = (await clients.RunAsync(client, demo)).Step("count");

        Assert.Equal(await ScalarAsync($"SELECT COUNT(*) FROM \"Referrals\" WHERE {Filtered}"), step.Value().GetInt64());
        Assert.Equal(sent, Assert.Single(step.Urls));
    }

    [Theory]
    [InlineData("sap")]
    [InlineData("odata2ts")]
    [InlineData("odata-client")]
    [InlineData("ojs")]
    [InlineData("odata-query")]
    public async Task EachClientReadsAFilteredSetOfTwelveThousandReferralsInFullThroughTheNextLinks(string client)
    {
        var step = (await clients.RunAsync(client, demo)).Step("paging");
        var read = step.Value();
        var count = await ScalarAsync($"SELECT COUNT(*) FROM \"Referrals\" WHERE {Filtered}");
        var pageSize = new FeedLimits().PageSize;

        Assert.InRange(count, 10_000, 15_000);
        Assert.Equal(count, read.GetProperty("rows").GetInt64());
        Assert.Equal(count, read.GetProperty("distinct").GetInt64());
        Assert.Equal((count + pageSize - 1) / pageSize, read.GetProperty("pages").GetInt64());
        Assert.All(step.Requests, r => Assert.Equal(200, r.GetProperty("status").GetInt32()));
        Assert.All(step.Urls.Skip(1), u => Assert.Contains("$skiptoken=", u, StringComparison.Ordinal));
    }

    /// <summary>odata2ts groups without aggregating; the others count each group.</summary>
    [Theory]
    [InlineData("sap")]
    [InlineData("odata2ts")]
    [InlineData("odata-client")]
    [InlineData("ojs")]
    [InlineData("odata-query")]
    public async Task EachClientGroupsReferralsByEthnicityWithApply(string client)
    {
        var step = (await clients.RunAsync(client, demo)).Step("apply");
        var rows = step.Value().EnumerateArray().ToList();
        var url = Assert.Single(step.Urls);

        Assert.Contains("$apply=", url, StringComparison.Ordinal);
        Assert.All(rows, r => Assert.Equal(JsonValueKind.Null, r.GetProperty("@odata.id").ValueKind));
        if (client == "odata2ts")
        {
            Assert.Equal(await EthnicityKeysAsync(), rows.Select(r => r.GetProperty("EthnicityKey").GetInt64()).Order());
            return;
        }

        var expected = (await RowsAsync($"SELECT \"EthnicityKey\", COUNT(*) FROM \"Referrals\" WHERE {Filtered} GROUP BY \"EthnicityKey\" ORDER BY 1"))
            .Select(r => (Convert.ToInt64(r[0], CultureInfo.InvariantCulture), Convert.ToInt64(r[1], CultureInfo.InvariantCulture)));
        Assert.Equal(expected, rows.Select(r => (r.GetProperty("EthnicityKey").GetInt64(), r.GetProperty("N").GetInt64())).Order());
    }

    [Theory]
    [InlineData("sap", "/odata/Referrals?$select=EthnicityKey&$apply=groupby((EthnicityKey))")]
    [InlineData("odata2ts", "/odata/Referrals?$select=EthnicityKey&$apply=groupby((EthnicityKey))")]
    [InlineData("odata-client", "/odata/Referrals?$select=EthnicityKey&$apply=groupby((EthnicityKey))")]
    [InlineData("ojs", "/odata/Referrals?$apply=groupby((EthnicityKey))&$select=EthnicityKey")]
    [InlineData("odata-query", "/odata/Referrals?$select=EthnicityKey&$apply=groupby((EthnicityKey))")]
    public async Task EachClientSelectsFromTheGroupsItAsksFor(string client, string sent)
    {
        var step = (await clients.RunAsync(client, demo)).Step("apply-select");
        var rows = step.Value().EnumerateArray().ToList();

        Assert.Equal(sent, Assert.Single(step.Urls));
        Assert.Equal(await EthnicityKeysAsync(), rows.Select(r => r.GetProperty("EthnicityKey").GetInt64()).Order());
        Assert.All(rows, r => Assert.Equal("@odata.id,EthnicityKey", string.Join(",", r.EnumerateObject().Select(p => p.Name))));
    }

    /// <summary>
    /// The SAP SDK sends multipart parts addressed below its basePath, the key by name; @odata/client sends multipart
    /// with its default Accept: application/json and reads multipart back, or JSON with ids; o.js sends absolute URLs
    /// with Content-IDs. Each part is answered in place, its id echoed.
    /// </summary>
    [Theory]
    [InlineData("sap", "batch", "GET /odata/Referrals(ReferralId=42L) HTTP/1.1", "multipart/mixed")]
    [InlineData("odata-client", "batch", "GET Referrals(ReferralId=42) HTTP/1.1", "multipart/mixed")]
    [InlineData("odata-client", "batch-json", "get Referrals(ReferralId=42)", "application/json")]
    [InlineData("ojs", "batch", "/odata/Referrals(ReferralId=42) HTTP/1.1", "multipart/mixed")]
    public async Task EachClientsBatchIsAnsweredPartByPartInItsOwnFormat(string client, string stepName, string namedKeyPart, string format)
    {
        var step = (await clients.RunAsync(client, demo)).Step(stepName);
        var parts = step.Value().EnumerateArray().ToList();
        var post = step.Requests.Single(r => r.GetProperty("method").GetString() == "POST");
        var batch = post.GetProperty("batch");
        var sentParts = batch.GetProperty("parts").EnumerateArray().ToList();
        var answered = batch.GetProperty("responses").EnumerateArray().ToList();

        Assert.Equal(200, post.GetProperty("status").GetInt32());
        Assert.StartsWith(format, post.GetProperty("contentType").GetString(), StringComparison.Ordinal);
        Assert.Contains(sentParts, p => p.GetProperty("request").GetString()!.EndsWith(namedKeyPart, StringComparison.Ordinal));
        Assert.Equal(sentParts.Select(p => p.GetProperty("id").ToString()), answered.Select(a => a.GetProperty("id").ToString()));
        Assert.All(answered, a => Assert.Equal(200, a.GetProperty("status").GetInt32()));
        Assert.Equal(sentParts.Count, parts.Count);
        Assert.All(parts, p => Assert.Equal(200, p.GetProperty("status").GetInt32()));
        var ethnicity = await ScalarAsync("SELECT \"EthnicityKey\" FROM \"Referrals\" WHERE \"ReferralId\" = 42");
        foreach (var part in parts.Where(p => p.TryGetProperty("ReferralId", out _)))
        {
            Assert.Equal(42, part.GetProperty("ReferralId").GetInt64());
            Assert.Equal(ethnicity, part.GetProperty("EthnicityKey").GetInt64());
        }
    }

    private async Task<List<object?[]>> RowsAsync(string sql) => await WarehouseQueries.RowsAsync(await demo.GetAsync(WarehouseProvider.Sqlite), sql);

    private async Task<long> ScalarAsync(string sql) => (long)await WarehouseQueries.ScalarAsync(await demo.GetAsync(WarehouseProvider.Sqlite), sql);

    private async Task<string> EthnicityOfReferral42Async(string column) => (string)(await RowsAsync(
        $"SELECT e.\"{column}\" FROM \"Referrals\" r JOIN \"Ethnicities\" e ON e.\"EthnicityKey\" = r.\"EthnicityKey\" WHERE r.\"ReferralId\" = 42"))[0][0]!;

    private async Task<string> CodeOfEthnicity3Async() => (string)(await RowsAsync("SELECT \"Code\" FROM \"Ethnicities\" WHERE \"EthnicityKey\" = 3"))[0][0]!;

    private async Task<IEnumerable<long>> EthnicityKeysAsync() =>
        (await RowsAsync("SELECT DISTINCT \"EthnicityKey\" FROM \"Referrals\" ORDER BY 1"))
        .Select(r => Convert.ToInt64(r[0], CultureInfo.InvariantCulture));
}
