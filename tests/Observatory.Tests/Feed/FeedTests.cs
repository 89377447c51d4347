using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Observatory.Api.Extensions;
using Observatory.Tests.Support;
using Observatory.Warehouse;

namespace Observatory.Tests.Feed;

/// <summary>The OData v4 feed over the demo warehouse: metadata, query options, paging, keys and errors.</summary>
public class FeedTests(DemoWarehouses demo)
{
    private static readonly string[] EntitySets =
    [
        "Dates", "Ethnicities", "AgeBands", "Genders", "SexualOrientations", "Disabilities", "EmploymentStatuses",
        "AccommodationStatuses", "Areas", "Providers", "Services", "ReferralSources", "EndReasons", "Schools", "ContactModes",
        "OutcomeMeasures", "Referrals", "Appointments", "HealthChecks", "ProgrammeOutcomes", "Population",
        "MonthlyReferrals", "MonthlyOutcomes", "YearlyHealthChecks", "Indicators", "IndicatorValues", "WarehouseLoads",
    ];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MetadataDescribesEverySetWithKeysAndStarNavigations()
    {
        using var host = await HostAsync();
        var metadata = XDocument.Parse(await host.CreateClient().GetStringAsync(new Uri("/odata/$metadata", UriKind.Relative), Cancel));
        XNamespace edm = "http://docs.oasis-open.org/odata/ns/edm";

        var sets = metadata.Descendants(edm + "EntitySet").Select(e => (string)e.Attribute("Name")!).ToList();
        var referral = metadata.Descendants(edm + "EntityType").Single(e => (string?)e.Attribute("Name") == "Referral");
        var navigations = referral.Elements(edm + "NavigationProperty").ToDictionary(n => (string)n.Attribute("Name")!);

        Assert.Equal(EntitySets.Order(StringComparer.Ordinal), sets.Order(StringComparer.Ordinal));
        Assert.Equal("ReferralId", (string?)referral.Element(edm + "Key")!.Element(edm + "PropertyRef")!.Attribute("Name"));
        Assert.Equal("Observatory.CalendarDate", (string?)navigations["EndDate"].Attribute("Type"));
        Assert.Equal("EndDateKey", (string?)navigations["EndDate"].Element(edm + "ReferentialConstraint")!.Attribute("Property"));
        Assert.Contains("Ethnicity", navigations.Keys);
        Assert.Contains("ReferralDate", navigations.Keys);
    }

    [Fact]
    public async Task SelectFilterOrderByTopSkipAndCountComposeIntoOneAnswer()
    {
        using var host = await HostAsync();
        var page = await GetJsonAsync(host,
            "Referrals?$select=ReferralId,ReferralDateKey&$filter=Service/Code eq 'CAMHS' and ReferralDateKey ge 20230101&$orderby=ReferralDateKey desc,ReferralId&$top=5&$skip=2&$count=true");
        var rows = page.GetProperty("value").EnumerateArray().ToList();
        var dates = rows.Select(r => r.GetProperty("ReferralDateKey").GetInt32()).ToList();

        Assert.Equal(5, rows.Count);
        Assert.All(rows, r => Assert.Equal(2, r.EnumerateObject().Count(p => !p.Name.StartsWith('@'))));
        Assert.Equal(dates.OrderDescending(), dates);
        Assert.True(page.GetProperty("@odata.count").GetInt32() > 100);
    }

    [Fact]
    public async Task ExpandFollowsFactsToDimensions()
    {
        using var host = await HostAsync();
        var row = (await GetJsonAsync(host, "Referrals?$top=1&$filter=EndDateKey ne null&$expand=Service($expand=Provider),EndDate,Ethnicity($select=BroadGroup)"))
            .GetProperty("value")[0];

        Assert.False(string.IsNullOrEmpty(row.GetProperty("Service").GetProperty("Provider").GetProperty("Sector").GetString()));
        Assert.Equal(row.GetProperty("EndDateKey").GetInt32(), row.GetProperty("EndDate").GetProperty("DateKey").GetInt32());
        Assert.True(row.GetProperty("Ethnicity").TryGetProperty("BroadGroup", out _));
    }

    [Fact]
    public async Task LargeSetsArePagedWithKeySetNextLinksThatCoverEveryRowOnce()
    {
        using var host = await HostAsync(new Dictionary<string, string?> { ["Feed:PageSize"] = "700" });
        var client = host.CreateClient();
        var expected = int.Parse(await client.GetStringAsync(new Uri("/odata/Referrals/$count?$filter=Service/Code eq 'EIP'", UriKind.Relative), Cancel),
            System.Globalization.CultureInfo.InvariantCulture);
        var seen = new HashSet<long>();
        string? next = "/odata/Referrals?$filter=Service/Code eq 'EIP'&$select=ReferralId";
        var pages = 0;
        while (next is not null)
        {
            var page = JsonDocument.Parse(await client.GetStringAsync(new Uri(next, UriKind.RelativeOrAbsolute), Cancel)).RootElement;
            foreach (var row in page.GetProperty("value").EnumerateArray())
            {
                Assert.True(seen.Add(row.GetProperty("ReferralId").GetInt64()));
            }

            next = page.TryGetProperty("@odata.nextLink", out var link) ? link.GetString() : null;
            Assert.True(next is null || next.Contains("$skiptoken", StringComparison.Ordinal), next);
            pages++;
        }

        Assert.Equal(expected, seen.Count);
        Assert.Equal((expected + 699) / 700, pages);
    }

    [Fact]
    public async Task ApplyGroupsByDimensionAttributesInTheDatabase()
    {
        using var host = await HostAsync();
        var rows = (await GetJsonAsync(host,
                "Referrals?$apply=filter(Service/Code eq 'TT')/groupby((ReferralDate/FinancialYear),aggregate($count as Referrals,SessionsAttended with sum as Sessions,WaitToTreatmentDays with average as MeanWait))"))
            .GetProperty("value").EnumerateArray().ToList();
        var sql = host.Sql.Single(command => command.Contains("\"Referrals\"", StringComparison.Ordinal));

        Assert.Equal(5, rows.Count);
        Assert.All(rows, r => Assert.InRange(r.GetProperty("Referrals").GetInt32(), 9_000, 15_000));
        Assert.Contains("GROUP BY", sql, StringComparison.Ordinal);
        Assert.Contains("COUNT(*)", sql, StringComparison.Ordinal);
        Assert.Contains("AVG(", sql, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("EndDate/FinancialYear")]
    [InlineData("EndReason/Category")]
    [InlineData("TreatmentStartDate/Year")]
    public async Task GroupingThroughAnOptionalNavigationAnswersWithANullGroup(string path)
    {
        using var host = await HostAsync();
        var rows = (await GetJsonAsync(host, $"Referrals?$apply=groupby(({path}),aggregate($count as Referrals))"))
            .GetProperty("value").EnumerateArray().ToList();
        var (navigation, property) = (path.Split('/')[0], path.Split('/')[1]);

        Assert.Contains(rows, r => r.GetProperty(navigation).ValueKind == JsonValueKind.Null
                                   || r.GetProperty(navigation).GetProperty(property).ValueKind == JsonValueKind.Null);
        Assert.True(rows.Count > 1);
    }

    [Fact]
    public async Task KeysAddressSingleRowsAndUnknownKeysAre404()
    {
        using var host = await HostAsync();
        var client = host.CreateClient();

        var date = await GetJsonAsync(host, "Dates(20220331)");
        var referral = await GetJsonAsync(host, "Referrals(42)?$select=ReferralId");
        var missing = await client.GetAsync(new Uri("/odata/Referrals(999999999999)", UriKind.Relative), Cancel);

        Assert.Equal("2021/22", date.GetProperty("FinancialYear").GetString());
        Assert.Equal(42, referral.GetProperty("ReferralId").GetInt64());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Theory]
    [InlineData("Referrals?$filter=NoSuchColumn eq 1")]
    [InlineData("Referrals?$filter=ReferralId eq")]
    [InlineData("Referrals?$orderby=Service")]
    [InlineData("Referrals?$top=-1")]
    [InlineData("Referrals?$top=1000000")]
    [InlineData("Referrals?$apply=groupby((Nope))")]
    [InlineData("Referrals?$expand=Nope")]
    [InlineData("Referrals?$select=ReferralId&$filter=ReferralDateKey eq 'not a number'")]
    [InlineData("Dates?$filter=hour(Date) eq 1")]
    public async Task BadQueriesGetAClearODataErrorAndNoInternals(string url)
    {
        using var host = await HostAsync();
        var response = await host.CreateClient().GetAsync(new Uri("/odata/" + url, UriKind.Relative), Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        var error = JsonDocument.Parse(body).RootElement.GetProperty("error");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        Assert.DoesNotContain("innererror", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("stacktrace", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\bat (System|Microsoft|Observatory)\.", body);
    }

    [Fact]
    public async Task UnknownPathsGetAnODataNotFound()
    {
        using var host = await HostAsync();
        var response = await host.CreateClient().GetAsync(new Uri("/odata/Patients", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("NotFound", JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task TheFeedAndTheHomePageSayTheDataAreSynthetic()
    {
        using var host = await HostAsync();
        var client = host.CreateClient();

        var feed = await client.GetAsync(new Uri("/odata/Services", UriKind.Relative), Cancel);
        var home = await client.GetStringAsync(new Uri("/", UriKind.Relative), Cancel);
        var load = (await GetJsonAsync(host, "WarehouseLoads")).GetProperty("value")[0];

        Assert.Equal("synthetic", feed.Headers.GetValues(WarehouseExtensions.DataHeader).Single());
        Assert.Contains("Synthetic data", home, StringComparison.Ordinal);
        Assert.True(load.GetProperty("IsSynthetic").GetBoolean());
    }

    private async Task<FeedHost> HostAsync(IReadOnlyDictionary<string, string?>? settings = null) =>
        new(await demo.GetAsync(WarehouseProvider.Sqlite), settings);

    private static async Task<JsonElement> GetJsonAsync(FeedHost host, string url) =>
        JsonDocument.Parse(await host.CreateClient().GetStringAsync(new Uri("/odata/" + url, UriKind.Relative), Cancel)).RootElement;
}
