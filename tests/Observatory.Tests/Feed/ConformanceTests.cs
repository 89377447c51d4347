using System.Net;
using System.Text;
using System.Text.Json;
using Observatory.Tests.Support;
using Observatory.Warehouse;

namespace Observatory.Tests.Feed;

/// <summary>
/// What OData clients ran into, each as the client sends it: key forms, paths below an entity, format parameters,
/// long queries and their next links, $apply's aliases and types, and the protocol's headers and statuses.
/// </summary>
public class ConformanceTests(DemoWarehouses demo)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Referrals(42)")]
    [InlineData("Referrals(ReferralId=42)")]
    [InlineData("Referrals(ReferralId=42L)")]
    [InlineData("Referrals(42L)")]
    public async Task EveryFormOfAKeyAddressesTheSameEntity(string path)
    {
        var entity = await JsonAsync(path + "?$select=ReferralId");

        Assert.Equal(42, entity.GetProperty("ReferralId").GetInt64());
        Assert.EndsWith("#Referrals(ReferralId)/$entity", entity.GetProperty("@odata.context").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PathsBelowAnEntityFollowNavigationsAndAddressPropertiesTheirValuesAndReferences()
    {
        var referral = await JsonAsync("Referrals(42)?$expand=Ethnicity");
        var ethnicity = referral.GetProperty("Ethnicity");
        var key = ethnicity.GetProperty("EthnicityKey").GetInt32();

        var navigated = await JsonAsync("Referrals(42)/Ethnicity");
        var twice = await JsonAsync("Referrals(42)/Service/Provider");
        var property = await JsonAsync($"Ethnicities({key})/Code");
        using var value = await GetAsync($"Ethnicities({key})/Code/$value");
        var reference = await JsonAsync("Referrals(42)/Ethnicity/$ref");

        Assert.Equal(ethnicity.GetProperty("Code").GetString(), navigated.GetProperty("Code").GetString());
        Assert.EndsWith("#Ethnicities/$entity", navigated.GetProperty("@odata.context").GetString(), StringComparison.Ordinal);
        Assert.True(twice.TryGetProperty("ProviderKey", out _));
        Assert.Equal(ethnicity.GetProperty("Code").GetString(), property.GetProperty("value").GetString());
        Assert.EndsWith($"#Ethnicities({key})/Code", property.GetProperty("@odata.context").GetString(), StringComparison.Ordinal);
        Assert.Equal("text/plain", value.Content.Headers.ContentType?.MediaType);
        Assert.Equal(ethnicity.GetProperty("Code").GetString(), await value.Content.ReadAsStringAsync(Cancel));
        Assert.EndsWith($"/odata/Ethnicities({key})", reference.GetProperty("@odata.id").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAbsentNavigationOrNullPropertyIsNoContentAndAnAbsentEntityIsNotFound()
    {
        var open = (await JsonAsync("Referrals?$filter=EndDateKey eq null&$select=ReferralId&$top=1")).GetProperty("value")[0].GetProperty("ReferralId").GetInt64();

        using var navigation = await GetAsync($"Referrals({open})/EndDate");
        using var property = await GetAsync($"Referrals({open})/EndDateKey");
        using var value = await GetAsync($"Referrals({open})/EndDateKey/$value");
        using var missing = await GetAsync("Referrals(999999999)/Ethnicity");

        Assert.Equal(HttpStatusCode.NoContent, navigation.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, property.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, value.StatusCode);
        await AssertErrorAsync(missing, HttpStatusCode.NotFound, "NotFound");
    }

    [Theory]
    [InlineData("Referrals('abc')", 400)]
    [InlineData("Referrals(99999999999999999999)", 400)]
    [InlineData("Genders(3000000000)", 400)]
    [InlineData("Referrals(ReferralId='x')", 400)]
    [InlineData("Referrals(42)/Nope", 404)]
    [InlineData("Referrals(42)/Observatory.Referral", 501)]
    [InlineData("Referrals(42)/Ethnicity/Code/$value/x", 404)]
    public async Task AWrongKeyOrPathIsRefusedWithTheRightStatus(string path, int status)
    {
        using var response = await GetAsync(path);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("4.0", response.Headers.GetValues("OData-Version").Single());
        Assert.False(string.IsNullOrWhiteSpace((await ErrorAsync(response)).Message));
    }

    [Fact]
    public async Task TheCountOfASetIsPlainTextAndAgreesWithCountTrue()
    {
        using var text = await GetAsync("Referrals/$count?$filter=ServiceKey eq 1");
        var json = await JsonAsync("Referrals?$filter=ServiceKey eq 1&$count=true&$top=0");

        Assert.Equal("text/plain", text.Content.Headers.ContentType?.MediaType);
        Assert.Equal(json.GetProperty("@odata.count").GetInt64(), long.Parse(await text.Content.ReadAsStringAsync(Cancel), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task IeeeCompatibleJsonWritesSixtyFourBitIntegersAndTheCountAsStringsAndSaysSo()
    {
        using var response = await GetAsync("Referrals?$select=ReferralId,PersonId,ServiceKey&$top=2&$count=true", accept: "application/json;IEEE754Compatible=true");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement;
        var row = body.GetProperty("value")[0];

        Assert.Contains("IEEE754Compatible=true", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.String, body.GetProperty("@odata.count").ValueKind);
        Assert.Equal(JsonValueKind.String, row.GetProperty("ReferralId").ValueKind);
        Assert.Equal(JsonValueKind.String, row.GetProperty("PersonId").ValueKind);
        Assert.Equal(JsonValueKind.Number, row.GetProperty("ServiceKey").ValueKind);
    }

    [Fact]
    public async Task MetadataLevelsFullAndNoneCarryTheControlInformationTheySay()
    {
        var full = await JsonAsync("Referrals?$select=ReferralId,ReferralDateKey&$expand=Ethnicity($select=Code)&$top=1&$format=application/json;odata.metadata=full");
        var none = await JsonAsync("Referrals?$select=ReferralId&$count=true&$format=application/json;odata.metadata=none");
        var row = full.GetProperty("value")[0];

        Assert.Equal("#Observatory.Referral", row.GetProperty("@odata.type").GetString());
        Assert.EndsWith($"/odata/Referrals({row.GetProperty("ReferralId").GetInt64()})", row.GetProperty("@odata.id").GetString(), StringComparison.Ordinal);
        Assert.Equal("#Int64", row.GetProperty("ReferralId@odata.type").GetString());
        Assert.False(row.TryGetProperty("ReferralDateKey@odata.type", out _), "Int32 is implied");
        Assert.EndsWith("/Ethnicity", row.GetProperty("Ethnicity@odata.navigationLink").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/Service", row.GetProperty("Service@odata.navigationLink").GetString(), StringComparison.Ordinal);
        Assert.Equal("#Observatory.Ethnicity", row.GetProperty("Ethnicity").GetProperty("@odata.type").GetString());
        Assert.False(none.TryGetProperty("@odata.context", out _));
        Assert.True(none.TryGetProperty("@odata.count", out _));
        Assert.True(none.TryGetProperty("@odata.nextLink", out _), "none keeps the next link");
    }

    [Theory]
    [InlineData("application/json;odata.metadata=bogus")]
    [InlineData("application/json;odata.streaming=maybe")]
    [InlineData("application/json;unknown=1")]
    [InlineData("application/xml")]
    public async Task AnUnknownFormatOrParameterIsNotAcceptable(string accept)
    {
        using var byHeader = await GetAsync("Referrals?$top=1", accept: accept);
        using var byOption = await GetAsync("Referrals?$top=1&$format=" + Uri.EscapeDataString(accept));

        await AssertErrorAsync(byHeader, HttpStatusCode.NotAcceptable, "NotAcceptable");
        await AssertErrorAsync(byOption, HttpStatusCode.NotAcceptable, "NotAcceptable");
    }

    [Fact]
    public async Task PowerQuerysAcceptHeaderIsAnsweredWithMinimalJson()
    {
        const string accept = "application/json;odata.metadata=minimal;q=1.0, application/json;odata=minimalmetadata;q=0.9, application/atomsvc+xml;q=0.8, application/atom+xml;q=0.8, application/xml;q=0.7, text/plain;q=0.7";
        using var response = await GetAsync("Referrals?$top=1", accept: accept);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(response.Content.Headers.ContentType.Parameters, p => p.Name == "odata.metadata" && p.Value == "minimal");
    }

    [Fact]
    public async Task ALongQueryPostedToQueryPagesThroughShortNextLinks()
    {
        using var host = await HostAsync(new Dictionary<string, string?> { ["Feed:PageSize"] = "250" });
        var client = host.CreateClient();
        var ids = string.Join(',', Enumerable.Range(1, 990));
        var query = $"$filter=ReferralId in ({ids}) and ReferralId ne 0&$select=ReferralId";

        using var first = await client.PostAsync(new Uri("/odata/Referrals/$query", UriKind.Relative), new StringContent(query, Encoding.UTF8, "text/plain"), Cancel);
        var page = JsonDocument.Parse(await first.Content.ReadAsStringAsync(Cancel)).RootElement;
        var rows = page.GetProperty("value").EnumerateArray().Select(r => r.GetProperty("ReferralId").GetInt64()).ToList();
        var links = new List<string>();
        while (page.TryGetProperty("@odata.nextLink", out var next))
        {
            links.Add(next.GetString()!);
            page = JsonDocument.Parse(await client.GetStringAsync(new Uri(next.GetString()!), Cancel)).RootElement;
            rows.AddRange(page.GetProperty("value").EnumerateArray().Select(r => r.GetProperty("ReferralId").GetInt64()));
        }

        Assert.Equal(Enumerable.Range(1, 990).Select(i => (long)i), rows);
        Assert.Equal(3, links.Count);
        Assert.All(links, link => Assert.True(link.Length < 200, link));
    }

    [Fact]
    public async Task AnExpiredOrForeignContinuationIsGone()
    {
        using var response = await GetAsync("Referrals?$skiptoken=~AAAAAAAAAAAAAAAAAAAAAAAAAAA");

        await AssertErrorAsync(response, HttpStatusCode.Gone, "ContinuationExpired");
    }

    [Fact]
    public async Task AggregatesAreTypedAndTheirRowsHaveNoIdentity()
    {
        var rows = (await JsonAsync("Referrals?$apply=groupby((Service/Code),aggregate($count as Referrals,SessionsAttended with sum as Sessions,WaitToTreatmentDays with average as MeanWait,ReferralDateKey with max as Latest))&$top=1"))
            .GetProperty("value");
        var row = rows[0];

        Assert.Equal(JsonValueKind.Null, row.GetProperty("@odata.id").ValueKind);
        Assert.Equal("#Decimal", row.GetProperty("Referrals@odata.type").GetString());
        Assert.Equal("#Int64", row.GetProperty("Sessions@odata.type").GetString());
        Assert.False(row.TryGetProperty("MeanWait@odata.type", out _), "a double is implied");
        Assert.Equal("#Int32", row.GetProperty("Latest@odata.type").GetString());
    }

    [Fact]
    public async Task SelectAfterApplyChoosesAmongTheGroupedPropertiesAndAliases()
    {
        var rows = (await JsonAsync("Referrals?$select=Total&$apply=groupby((ServiceKey),aggregate($count as Total))")).GetProperty("value").EnumerateArray().ToList();

        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.Equal(["@odata.id", "Total@odata.type", "Total"], row.EnumerateObject().Select(p => p.Name)));
    }

    [Theory]
    [InlineData("Referrals?$apply=expand(Service,filter(Code eq 'TT'))", 501)]
    [InlineData("Referrals?$apply=groupby((ServiceKey),aggregate(Recovered with sum as Recovered))", 400)]
    [InlineData("Referrals?$filter=cast(ServiceKey,Edm.String) eq '1'", 501)]
    [InlineData("Referrals?$filter=isof(Observatory.Referral)", 501)]
    [InlineData("Referrals?$filter=ServiceKey has 1", 400)]
    [InlineData("Referrals?$compute=date(ReferralDate/Date) as D&$select=D", 501)]
    [InlineData("Referrals?$filter=ServiceKey eq @p&@p=", 400)]
    [InlineData("Referrals?$filter=ServiceKey eq @p", 400)]
    [InlineData("Genders?$skiptoken=after-3000000000", 400)]
    [InlineData("Referrals?$orderby=ServiceKey,AreaKey,AgeBandKey,GenderKey,EthnicityKey,ReferralId", 400)]
    public async Task WhatCannotBeAnsweredIsRefusedWithoutTheLibrarysInternals(string url, int status)
    {
        using var response = await GetAsync(url);
        var body = await response.Content.ReadAsStringAsync(Cancel);

        Assert.True(status == (int)response.StatusCode, $"{(int)response.StatusCode}: {body}");
        Assert.DoesNotContain("AllowedFunctions", body, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADivisionByZeroInComputeIsNullNotAFault()
    {
        var row = (await JsonAsync("Referrals?$apply=compute(SessionsAttended div 0 as Ratio)/aggregate(Ratio with max as Most)")).GetProperty("value")[0];

        Assert.Equal(JsonValueKind.Null, row.GetProperty("Most").ValueKind);
    }

    [Fact]
    public async Task AGroupingWiderThanTheLimitIsRefusedByName()
    {
        // Every column of a referral: 34 properties, beyond the 32 one groupby may take.
        var columns = JsonDocument.Parse(await (await GetAsync("Referrals?$top=1")).Content.ReadAsStringAsync(Cancel)).RootElement
            .GetProperty("value")[0].EnumerateObject().Select(p => p.Name).ToList();
        using var response = await GetAsync($"Referrals?$apply=groupby(({string.Join(',', columns)}))");

        Assert.True(columns.Count > 32);
        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadRequest", "the limit is 32");
    }

    [Fact]
    public async Task HeadIsAnsweredLikeGetWithoutABody()
    {
        using var host = await HostAsync();
        using var request = new HttpRequestMessage(HttpMethod.Head, new Uri("/odata/Referrals?$top=3", UriKind.Relative));
        using var response = await host.CreateClient().SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(Cancel));
    }

    [Theory]
    [InlineData("DELETE", "/odata/Referrals(1)", 405, "MethodNotAllowed")]
    [InlineData("PATCH", "/odata/Referrals(1)", 405, "MethodNotAllowed")]
    [InlineData("POST", "/odata/Referrals", 405, "MethodNotAllowed")]
    [InlineData("GET", "/odata/Nope", 404, "NotFound")]
    [InlineData("GET", "/nowhere", 404, "NotFound")]
    public async Task EveryErrorIsODataJsonWithItsVersion(string method, string url, int status, string code)
    {
        using var host = await HostAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(url, UriKind.Relative));
        using var response = await host.CreateClient().SendAsync(request, Cancel);

        await AssertErrorAsync(response, (HttpStatusCode)status, code);
        if (url.StartsWith("/odata", StringComparison.Ordinal))
        {
            Assert.Equal("4.0", response.Headers.GetValues("OData-Version").Single());
        }
    }

    [Fact]
    public async Task AFormEncodedQueryIsAnUnsupportedMediaType()
    {
        using var host = await HostAsync();
        using var response = await host.CreateClient().PostAsync(new Uri("/odata/Referrals/$query", UriKind.Relative),
            new FormUrlEncodedContent([new("$top", "1")]), Cancel);

        await AssertErrorAsync(response, HttpStatusCode.UnsupportedMediaType, "UnsupportedMediaType");
    }

    [Fact]
    public async Task AHostThatIsNotAllowedIsRefusedAndLinksUseTheAllowedOrConfiguredAddress()
    {
        using var host = await HostAsync();
        var client = host.CreateClient();
        using var foreign = new HttpRequestMessage(HttpMethod.Get, new Uri("/odata/Referrals?$top=1", UriKind.Relative));
        foreign.Headers.Host = "attacker.example";
        using var refused = await client.SendAsync(foreign, Cancel);
        using var configured = await HostAsync(new Dictionary<string, string?> { ["Feed:PublicUrl"] = "https://observatory.example.nhs.uk/odata" });
        var page = JsonDocument.Parse(await configured.CreateClient().GetStringAsync(new Uri("/odata/Referrals?$select=ReferralId&$top=1", UriKind.Relative), Cancel)).RootElement;

        await AssertErrorAsync(refused, HttpStatusCode.BadRequest, "HostNotAllowed");
        Assert.StartsWith("https://observatory.example.nhs.uk/odata/$metadata#Referrals", page.GetProperty("@odata.context").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HeadersBeyondTheLimitAreRefusedInJson()
    {
        using var host = await HostAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/odata/Referrals?$top=1", UriKind.Relative));
        request.Headers.Add("X-Padding", new string('a', 40_000));
        using var response = await host.CreateClient().SendAsync(request, Cancel);

        await AssertErrorAsync(response, HttpStatusCode.RequestHeaderFieldsTooLarge, "HeadersTooLarge");
    }

    private async Task<FeedHost> HostAsync(IReadOnlyDictionary<string, string?>? settings = null) =>
        new(await demo.GetAsync(WarehouseProvider.Sqlite), settings);

    private async Task<HttpResponseMessage> GetAsync(string url, string? accept = null)
    {
        var host = await HostAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/odata/" + url, UriKind.Relative));
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        return await host.CreateClient().SendAsync(request, Cancel);
    }

    private async Task<JsonElement> JsonAsync(string url)
    {
        using var response = await GetAsync(url);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private static async Task<(string Code, string Message)> ErrorAsync(HttpResponseMessage response)
    {
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("error");
        return (error.GetProperty("code").GetString()!, error.GetProperty("message").GetString()!);
    }

    private static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code, string? message = null)
    {
        Assert.Equal(status, response.StatusCode);
        var error = await ErrorAsync(response);
        Assert.Equal(code, error.Code);
        if (message is not null)
        {
            Assert.Contains(message, error.Message, StringComparison.Ordinal);
        }
    }
}
