using System.Net;
using System.Text;
using System.Text.Json;
using Observatory.Tests.Support;
using Observatory.Warehouse;

namespace Observatory.Tests.Feed;

/// <summary>
/// $batch as clients send it (Protocol 11.7; JSON Format 19): answered in the request's own format with each part's
/// id echoed, error parts with their OData error, parts that address anything outside the feed refused in their
/// place, and faults of the batch itself refused before any part runs.
/// </summary>
public class BatchTests(DemoWarehouses demo)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AMultipartBatchUnderODataFourIsAnsweredInMultipartWithEachPartsId()
    {
        var body = Multipart("batch_1", ("1", "GET Services?$select=Code&$top=2"), ("2", "GET Referrals(ReferralId=42L)?$select=ReferralId"), ("3", "GET Nope"));
        using var response = await PostAsync(body, "multipart/mixed;boundary=batch_1", maxVersion: "4.0");
        var text = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("multipart/mixed", response.Content.Headers.ContentType?.MediaType);
        var parts = Parts(text, response.Content.Headers.ContentType!.Parameters.Single(p => p.Name == "boundary").Value!);
        Assert.Equal(["1", "2", "3"], parts.Select(p => p.Id));
        Assert.Equal([200, 200, 404], parts.Select(p => p.Status));
        Assert.Contains("\"ReferralId\":42", parts[1].Body, StringComparison.Ordinal);
        Assert.Contains("\"error\"", parts[2].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AJsonBatchEchoesIdsAndCarriesTextBodiesAsStrings()
    {
        const string body = """{"requests":[{"id":"a","method":"GET","url":"Referrals/$count"},{"id":"b","method":"GET","url":"Ethnicities(3)/Code/$value"},{"id":"c","method":"GET","url":"Referrals?$top=x"}]}""";
        using var response = await PostAsync(body, "application/json");
        var parts = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("responses").EnumerateArray().ToList();

        Assert.Equal(["a", "b", "c"], parts.Select(p => p.GetProperty("id").GetString()));
        Assert.Equal(JsonValueKind.String, parts[0].GetProperty("body").ValueKind);
        Assert.True(long.Parse(parts[0].GetProperty("body").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.StartsWith("text/plain", parts[0].GetProperty("headers").GetProperty("content-type").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.String, parts[1].GetProperty("body").ValueKind);
        Assert.Equal(400, parts[2].GetProperty("status").GetInt32());
        Assert.True(parts[2].GetProperty("body").GetProperty("error").TryGetProperty("message", out _));
    }

    [Theory]
    [InlineData("/Ethnicities")]
    [InlineData("../Ethnicities")]
    [InlineData("http://elsewhere.example/odata/Ethnicities")]
    [InlineData("/odata/$batch")]
    public async Task APartOutsideTheFeedIsRefusedInItsPlaceAndTheOthersRun(string url)
    {
        var body = JsonSerializer.Serialize(new
        {
            requests = new object[]
            {
                new { id = "outside", method = "GET", url },
                new { id = "inside", method = "GET", url = "Genders?$top=1" },
            },
        });
        using var response = await PostAsync(body, "application/json");
        var parts = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("responses").EnumerateArray()
            .ToDictionary(p => p.GetProperty("id").GetString()!);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(400, parts["outside"].GetProperty("status").GetInt32());
        Assert.Equal(200, parts["inside"].GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("multipart/mixed;boundary=other", 400, "no part")]
    [InlineData("multipart/mixed", 400, "boundary")]
    [InlineData("text/plain", 415, "multipart/mixed")]
    public async Task AMalformedBatchIsRefusedWhole(string contentType, int status, string message)
    {
        using var response = await PostAsync(Multipart("batch_1", ("1", "GET Services")), contentType);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(message, JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AChangeSetIsRefusedByAReadOnlyFeed()
    {
        const string body = """{"requests":[{"id":"1","atomicityGroup":"g","method":"GET","url":"Services"}]}""";
        using var response = await PostAsync(body, "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("read-only", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MorePartsThanTheLimitAreRefusedBeforeAnyRuns()
    {
        var body = JsonSerializer.Serialize(new { requests = Enumerable.Range(0, 101).Select(i => new { id = $"{i}", method = "GET", url = "Genders" }) });
        using var response = await PostAsync(body, "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private async Task<HttpResponseMessage> PostAsync(string body, string contentType, string? maxVersion = null)
    {
        var host = new FeedHost(await demo.GetAsync(WarehouseProvider.Sqlite));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/odata/$batch", UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8),
        };
        request.Content.Headers.Remove("Content-Type");
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        if (maxVersion is not null)
        {
            request.Headers.Add("OData-MaxVersion", maxVersion);
        }

        return await host.CreateClient().SendAsync(request, Cancel);
    }

    private static string Multipart(string boundary, params (string Id, string RequestLine)[] parts) =>
        string.Concat(parts.Select(p =>
            $"--{boundary}\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: {p.Id}\r\n\r\n{p.RequestLine} HTTP/1.1\r\nAccept: application/json\r\n\r\n\r\n")) +
        $"--{boundary}--\r\n";

    private sealed record Part(string? Id, int Status, string Body);

    private static List<Part> Parts(string multipart, string boundary) =>
        multipart.Split($"--{boundary}").Skip(1).Where(p => !p.StartsWith("--", StringComparison.Ordinal)).Select(p =>
        {
            var sections = p.Split("\r\n\r\n", 3);
            var id = sections[0].Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-ID:", StringComparison.Ordinal))?["Content-ID:".Length..].Trim();
            var status = int.Parse(sections[1].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
            return new Part(id, status, sections.Length > 2 ? sections[2] : "");
        }).ToList();
}
