using System.Text;
using Microsoft.OData.UriParser;
using Observatory.Tests.Support;
using Observatory.Warehouse;

namespace Observatory.Tests.Clients;

/// <summary>
/// Every @odata.nextLink the feed writes, as Microsoft's OData library takes it: read from each page by the strict
/// reader, parsed by ODataUriParser against the model from $metadata, and followed to the end of the rows.
/// </summary>
public class ODataLibraryNextLinkTests(DemoWarehouses demo)
{
    /// <summary>1,000 odd referral ids: a query of 4.5 KB, sent in the body of POST .../$query.</summary>
    private static readonly string LongQuery =
        $"$filter=ReferralId in ({string.Join(',', Enumerable.Range(0, 1000).Select(i => 2 * i + 1))})&$select=ReferralId,EthnicityKey&$expand=Ethnicity($select=Name)";

    private static readonly Dictionary<string, (string Url, string? Body, string? Prefer, string Rows)> Queries = new()
    {
        ["filtered set, key-set pages"] = ("Referrals?$filter=ReferralDateKey ge 20230901&$select=ReferralId", null, null,
            "SELECT COUNT(*) FROM \"Referrals\" WHERE \"ReferralDateKey\" >= 20230901"),
        ["filtered set with $expand, smaller pages asked for"] = ("Referrals?$filter=ReferralDateKey ge 20230901&$select=ReferralId&$expand=Ethnicity($select=Name)", null,
            "odata.maxpagesize=4000", "SELECT COUNT(*) FROM \"Referrals\" WHERE \"ReferralDateKey\" >= 20230901"),
        ["ordered by a non-key column, $top"] = ("Referrals?$orderby=ReferralDateKey desc,ReferralId&$select=ReferralId&$top=4500", null, "odata.maxpagesize=2000", "SELECT 4500"),
        ["$apply groups, $top"] = ("Referrals?$apply=groupby((PersonId))&$top=12000", null, null,
            "SELECT MIN(12000, COUNT(DISTINCT \"PersonId\")) FROM \"Referrals\""),
        ["long POST .../$query"] = ("Referrals/$query", LongQuery, "odata.maxpagesize=400",
            "SELECT COUNT(*) FROM \"Referrals\" WHERE \"ReferralId\" % 2 = 1 AND \"ReferralId\" < 2000"),
    };

    public static TheoryData<string> Names => [.. Queries.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task EveryNextLinkParsesWithTheODataUriParserAndLeadsToTheRestOfTheRows(string name)
    {
        var (url, body, prefer, rows) = Queries[name];
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        using var host = new FeedHost(options);
        var client = await StrictODataClient.ConnectAsync(host.CreateClient());
        var referrals = client.Set("Referrals");

        var page = await client.ReadPageAsync(await FirstPageAsync(client, url, body, prefer), referrals);
        var read = page.Entries.Count;
        var links = new List<Uri>();
        while (page.NextLink is { } next)
        {
            links.Add(next);
            var parsed = new ODataUriParser(client.Model, StrictODataClient.ServiceRoot, next).ParseUri();
            Assert.Equal(referrals, Assert.IsType<EntitySetSegment>(parsed.Path.FirstSegment).EntitySet);
            Assert.True(parsed.SkipToken is not null || parsed.Skip is not null, $"{next} neither skips nor continues.");
            page = await client.ReadPageAsync(await client.GetAsync(next.AbsoluteUri, prefer: prefer), referrals);
            read += page.Entries.Count;
        }

        Assert.Equal((long)await WarehouseQueries.ScalarAsync(options, rows), read);
        Assert.NotEmpty(links);
        if (body is not null)
        {
            // Too long to repeat: the link continues from a token the feed keeps, as the only query option.
            Assert.All(links, l => Assert.StartsWith("?$skiptoken=~", l.Query, StringComparison.Ordinal));
        }
    }

    private static async Task<HttpResponseMessage> FirstPageAsync(StrictODataClient client, string url, string? body, string? prefer)
    {
        if (body is null)
        {
            return await client.GetAsync(url, prefer: prefer);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(StrictODataClient.ServiceRoot, url))
        {
            Content = new StringContent(body, Encoding.UTF8, "text/plain"),
        };
        request.Headers.TryAddWithoutValidation("Prefer", prefer);
        return await StrictODataClient.SucceededAsync(await client.Http.SendAsync(request));
    }
}
