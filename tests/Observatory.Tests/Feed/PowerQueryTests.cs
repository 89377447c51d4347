using System.Net.Http.Headers;
using System.Text.Json;
using System.Xml.Linq;
using Observatory.Tests.Support;
using Observatory.Warehouse;

namespace Observatory.Tests.Feed;

/// <summary>
/// Replays what Excel and Power BI's OData.Feed send: their headers, the service document and $metadata (read as
/// XML), a folded $filter/$select query with omit-values=nulls, its $count, and every @odata.nextLink, and checks
/// the table assembled from the pages is complete and correct.
/// </summary>
public class PowerQueryTests(DemoWarehouses demo)
{
    private const string Filter = "Service/Code eq 'EIP' and ReferralDateKey ge 20220101";
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestLocation.Providers), MemberType = typeof(TestLocation))]
    public async Task PowerQueryGetsTheWholeTableAcrossPagesWithNullsOmitted(WarehouseProvider provider)
    {
        var options = await demo.GetAsync(provider);
        using var host = new FeedHost(options, new Dictionary<string, string?> { ["Feed:PageSize"] = "150" });
        var client = PowerQuery(host.CreateClient());

        var service = JsonDocument.Parse(await client.GetStringAsync(new Uri("/odata/", UriKind.Relative), Cancel)).RootElement;
        using var metadataResponse = await client.GetAsync(new Uri("/odata/$metadata", UriKind.Relative), Cancel);
        var metadata = XDocument.Parse(await metadataResponse.Content.ReadAsStringAsync(Cancel));
        var count = int.Parse(await client.GetStringAsync(new Uri($"/odata/Referrals/$count?$filter={Filter}", UriKind.Relative), Cancel),
            System.Globalization.CultureInfo.InvariantCulture);

        var rows = new List<JsonElement>();
        var appliedPreferences = new HashSet<string>();
        string? next = $"/odata/Referrals?$filter={Filter}&$select=ReferralId,ReferralDateKey,EndDateKey,Recovered";
        while (next is not null)
        {
            using var page = await client.GetAsync(new Uri(next, UriKind.RelativeOrAbsolute), Cancel);
            page.EnsureSuccessStatusCode();
            appliedPreferences.UnionWith(page.Headers.TryGetValues("Preference-Applied", out var applied) ? applied : []);
            var body = JsonDocument.Parse(await page.Content.ReadAsStringAsync(Cancel)).RootElement;
            rows.AddRange(body.GetProperty("value").EnumerateArray().Select(r => r.Clone()));
            next = body.TryGetProperty("@odata.nextLink", out var link) ? link.GetString() : null;
        }

        var expected = await WarehouseQueries.RowsAsync(options,
            "SELECT r.\"ReferralId\", r.\"EndDateKey\" FROM \"Referrals\" r JOIN \"Services\" s ON s.\"ServiceKey\" = r.\"ServiceKey\" " +
            "WHERE s.\"Code\" = 'EIP' AND r.\"ReferralDateKey\" >= 20220101 ORDER BY r.\"ReferralId\"");

        Assert.Contains(service.GetProperty("value").EnumerateArray(), s => s.GetProperty("name").GetString() == "Referrals");
        Assert.Equal("application/xml", metadataResponse.Content.Headers.ContentType?.MediaType);
        Assert.NotEmpty(metadata.Root!.Descendants());
        Assert.True(count > 150, $"{count} rows: the query must need several pages");
        Assert.Equal(count, rows.Count);
        Assert.Equal(expected.Select(r => Convert.ToInt64(r[0], System.Globalization.CultureInfo.InvariantCulture)), rows.Select(r => r.GetProperty("ReferralId").GetInt64()));
        Assert.Equal(expected.Count(r => r[1] is null), rows.Count(r => !r.TryGetProperty("EndDateKey", out _)));
        Assert.DoesNotContain(rows, r => r.EnumerateObject().Any(p => p.Value.ValueKind == JsonValueKind.Null));
        Assert.Contains("omit-values=nulls", appliedPreferences);
    }

    /// <summary>The headers Power Query's OData.Feed sends with OmitValues = ODataOmitValues.Nulls.</summary>
    private static HttpClient PowerQuery(HttpClient client)
    {
        var headers = client.DefaultRequestHeaders;
        headers.Add("OData-MaxVersion", "4.0");
        headers.Add("MaxDataServiceVersion", "3.0");
        headers.Add("Prefer", "omit-values=nulls");
        headers.UserAgent.ParseAdd("Microsoft.Data.Mashup/1.0 (https://go.microsoft.com/fwlink/?LinkID=304225)");
        headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse("application/json;odata.metadata=minimal;q=1.0"));
        headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse("application/json;odata=minimalmetadata;q=0.9"));
        headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse("application/atomsvc+xml;q=0.8"));
        headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse("application/atom+xml;q=0.8"));
        headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse("application/xml;q=0.7"));
        headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse("text/plain;q=0.7"));
        return client;
    }
}
