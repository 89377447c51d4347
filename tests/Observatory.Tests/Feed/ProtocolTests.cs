using System.Net;
using System.Text;
using System.Text.Json;
using Observatory.Tests.Support;
using Observatory.Warehouse;

namespace Observatory.Tests.Feed;

/// <summary>The protocol features researchers and tools rely on: preferences, CSV, long queries, batches, and refusals.</summary>
public class ProtocolTests(DemoWarehouses demo)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MaxPageSizeIsHonouredUpToTheServersAndSaidSo()
    {
        using var host = await HostAsync();
        var client = host.CreateClient();

        using var small = await SendAsync(client, "Referrals?$select=ReferralId", prefer: "odata.maxpagesize=7");
        using var large = await SendAsync(client, "Referrals?$select=ReferralId", prefer: "odata.maxpagesize=999999");

        Assert.Equal("odata.maxpagesize=7", small.Headers.GetValues("Preference-Applied").Single());
        Assert.Equal(7, (await RowsAsync(small)).Count);
        Assert.Equal("odata.maxpagesize=5000", large.Headers.GetValues("Preference-Applied").Single());
        Assert.Equal(5000, (await RowsAsync(large)).Count);
    }

    public static TheoryData<WarehouseProvider> Providers => TestLocation.Providers;

    /// <summary>The catalogue's key is text: its pages go by offset, and every indicator comes once.</summary>
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheIndicatorCatalogueIsReadPageByPage(WarehouseProvider provider)
    {
        await using var host = new FeedHost(await demo.GetAsync(provider));
        var client = host.CreateClient();

        var ids = new List<string>();
        var next = "Indicators?$select=IndicatorId";
        while (next is not null)
        {
            using var page = await SendAsync(client, next, prefer: "odata.maxpagesize=7");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            using var json = JsonDocument.Parse(await page.Content.ReadAsStringAsync(Cancel));
            ids.AddRange(json.RootElement.GetProperty("value").EnumerateArray().Select(r => r.GetProperty("IndicatorId").GetString()!));
            next = json.RootElement.TryGetProperty("@odata.nextLink", out var link) ? link.GetString()![(link.GetString()!.IndexOf("/odata/", StringComparison.Ordinal) + 7)..] : null;
        }

        Assert.True(ids.Count > 14, $"{ids.Count} indicators: fewer than two pages");
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(ids.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), await client.GetStringAsync(new Uri("/odata/Indicators/$count", UriKind.Relative), Cancel));
    }

    [Theory]
    [InlineData("Referrals?$select=ReferralId,EndDateKey&$filter=ReferralId le 500&$format=csv", null)]
    [InlineData("Referrals?$select=ReferralId,EndDateKey&$filter=ReferralId le 500", "text/csv")]
    public async Task CsvCarriesTheSameRowsAsJson(string url, string? accept)
    {
        using var host = await HostAsync();
        var client = host.CreateClient();

        using var csv = await SendAsync(client, url, accept: accept);
        var lines = (await csv.Content.ReadAsStringAsync(Cancel)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var json = await RowsAsync(await SendAsync(client, "Referrals?$select=ReferralId,EndDateKey&$filter=ReferralId le 500"));

        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal("ReferralId,EndDateKey", lines[0].TrimEnd('\r'));
        Assert.Equal(json.Select(r => $"{r.GetProperty("ReferralId")},{(r.GetProperty("EndDateKey").ValueKind == JsonValueKind.Null ? "" : r.GetProperty("EndDateKey").ToString())}"),
            lines.Skip(1).Select(l => l.TrimEnd('\r')));
    }

    [Fact]
    public async Task ALongQueryCanBeSentInTheBodyOfQuery()
    {
        using var host = await HostAsync();
        var client = host.CreateClient();
        var ids = string.Join(',', Enumerable.Range(1, 900));
        var query = $"$filter=ReferralId in ({ids})&$select=ReferralId";

        using var tooLong = await client.GetAsync(new Uri($"/odata/Referrals?{query}&$filter2={new string('x', 17_000)}", UriKind.Relative), Cancel);
        using var posted = await client.PostAsync(new Uri("/odata/Referrals/$query", UriKind.Relative), new StringContent(query, Encoding.UTF8, "text/plain"), Cancel);

        Assert.Equal(HttpStatusCode.RequestUriTooLong, tooLong.StatusCode);
        Assert.Contains("$query", await ErrorMessageAsync(tooLong), StringComparison.Ordinal);
        Assert.Equal(900, (await RowsAsync(posted)).Count);
    }

    [Fact]
    public async Task ABatchAnswersEachPartThroughTheSamePipeline()
    {
        using var host = await HostAsync();
        var batch = """{"requests":[{"id":"1","method":"GET","url":"Services?$select=Code&$top=2"},{"id":"2","method":"GET","url":"Referrals?$apply=aggregate($count as N)"},{"id":"3","method":"GET","url":"Referrals?$search=x"}]}""";

        using var response = await host.CreateClient().PostAsync(new Uri("/odata/$batch", UriKind.Relative), new StringContent(batch, Encoding.UTF8, "application/json"), Cancel);
        var parts = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("responses").EnumerateArray()
            .ToDictionary(p => p.GetProperty("id").GetString()!);

        Assert.Equal(200, parts["1"].GetProperty("status").GetInt32());
        Assert.Equal(2, parts["1"].GetProperty("body").GetProperty("value").GetArrayLength());
        Assert.Equal(95_505, parts["2"].GetProperty("body").GetProperty("value")[0].GetProperty("N").GetInt32());
        Assert.Equal(501, parts["3"].GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("Referrals?$expand=Service&$foo=1", "'$foo' is not a system query option")]
    [InlineData("Referrals?$top=1&$top=2", "appears 2 times")]
    [InlineData("Referrals?$top=", "has no value")]
    [InlineData("Referrals?$top=100001", "100000")]
    [InlineData("Referrals?$expand=Service($expand=Provider($expand=Nope))", "Nope")]
    [InlineData("Referrals?$expand=Service&$apply=groupby((ServiceKey))", "$expand cannot follow $apply")]
    [InlineData("Referrals?$apply=groupby((ServiceKey),aggregate(DroppedOut with sum as DroppedOut))", "alias 'DroppedOut' is the name of a property")]
    public async Task WhatTheFeedDoesNotDoIsRefusedByName(string url, string message)
    {
        using var host = await HostAsync();
        using var response = await host.CreateClient().GetAsync(new Uri("/odata/" + url, UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await ErrorMessageAsync(response), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Referrals?$search=anxiety", 501, "$search is not supported")]
    [InlineData("Referrals?$format=xml", 406, "$format 'xml' is not available")]
    [InlineData("Referrals?$top=1&$format=application/json;odata.metadata=bogus", 406, "is not available")]
    [InlineData("Ethnicities?$filter=matchesPattern(Code,'A.*')", 501, "'matchesPattern' is not supported")]
    public async Task WhatTheFeedDoesNotImplementOrCannotRepresentIsRefusedWithItsOwnStatus(string url, int status, string message)
    {
        using var host = await HostAsync();
        using var response = await host.CreateClient().GetAsync(new Uri("/odata/" + url, UriKind.Relative), Cancel);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(message, await ErrorMessageAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInListPastTheLimitIsRefusedByName()
    {
        using var host = await HostAsync(new Dictionary<string, string?> { ["Feed:MaxInListLength"] = "10" });
        using var response = await host.CreateClient().GetAsync(
            new Uri($"/odata/Referrals?$filter=ReferralId in ({string.Join(',', Enumerable.Range(1, 11))})", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("has 11 values; the limit is 10", await ErrorMessageAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AQueryPastTheTimeLimitIsCancelledAndAnswered503WithRetryAfter()
    {
        using var host = await HostAsync(new Dictionary<string, string?> { ["Feed:QueryTimeoutSeconds"] = "0.05" });
        using var response = await host.CreateClient().GetAsync(
            new Uri("/odata/Appointments?$apply=groupby((Referral/PersonId,Date/Date),aggregate(DurationMinutes with sum as Minutes))", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Contains("second limit", await ErrorMessageAsync(response), StringComparison.Ordinal);
    }

    /// <summary>Data Aggregation 3.2.1.3: counts of nothing are 0; sums and averages of nothing are null.</summary>
    [Fact]
    public async Task ABareAggregateOfNothingIsOneRowOfZeroCountsAndNullSums()
    {
        using var host = await HostAsync();
        var rows = await RowsAsync(await SendAsync(host.CreateClient(),
            "HealthChecks?$apply=filter(PeriodEndDateKey eq 19990331)/aggregate($count as People,AllSixChecks with sum as WithAll,AllSixChecks with average as Share)"));

        var row = Assert.Single(rows);
        Assert.Equal(0, row.GetProperty("People").GetInt32());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("WithAll").ValueKind);
        Assert.Equal(JsonValueKind.Null, row.GetProperty("Share").ValueKind);
    }

    private async Task<FeedHost> HostAsync(IReadOnlyDictionary<string, string?>? settings = null) =>
        new(await demo.GetAsync(WarehouseProvider.Sqlite), settings);

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string url, string? prefer = null, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/odata/" + url, UriKind.Relative));
        if (prefer is not null)
        {
            request.Headers.Add("Prefer", prefer);
        }

        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        return await client.SendAsync(request, Cancel);
    }

    private static async Task<List<JsonElement>> RowsAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("value").EnumerateArray().ToList();

    private static async Task<string> ErrorMessageAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("error").GetProperty("message").GetString()!;
}
