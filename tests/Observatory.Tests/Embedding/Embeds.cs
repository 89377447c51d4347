using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Api.Embedding;
using Observatory.Dashboards.Definitions;
using Observatory.Indicators.Catalogue;
using Observatory.Tests.Support;
using Observatory.Warehouse;

namespace Observatory.Tests.Embedding;

/// <summary>
/// What the embedding tests share: a listing of four dashboards in place of the dashboard catalogue, hosts that know
/// them, minting through the endpoint, and requests made with an embed token.
/// </summary>
public static class Embeds
{
    public static readonly DashboardDefinition TalkingTherapies = Dashboard("talking-therapies", "tt-recovery", "tt-dropout");

    /// <summary>Health checks record no service: a service lock leaves them no rows.</summary>
    public static readonly DashboardDefinition HealthChecks = Dashboard("health-checks", "smi-all-six");

    /// <summary>A rate, whose census denominator the locks narrow too.</summary>
    public static readonly DashboardDefinition Camhs = Dashboard("camhs", "camhs-referral-rate");

    /// <summary>Programme outcomes, which record their own gender and their area through the referral.</summary>
    public static readonly DashboardDefinition GrowingMinds = Dashboard("growing-minds", "gm-tol-wellbeing-change");

    public static void Register(IServiceCollection services) => services.AddSingleton<IEmbeddableDashboards>(new Listing());

    /// <summary>A secured host (API keys only) that knows the dashboards, called over HTTPS (keys and tokens are refused in the clear).</summary>
    public static FeedHost SecuredHost(WarehouseOptions options, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var host = new FeedHost(options, new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Security:Mode"] = "Secured" })
        {
            ConfigureServices = s =>
            {
                Register(s);
                services?.Invoke(s);
            },
        };
        host.ClientOptions.BaseAddress = new Uri("https://localhost");
        return host;
    }

    public static async Task<HttpResponseMessage> MintAsync(HttpClient client, string? key, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/embed/tokens")
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        return await client.SendAsync(request);
    }

    /// <returns>The token of a successful mint.</returns>
    public static async Task<string> TokenAsync(HttpClient client, string? key, object body)
    {
        using var response = await MintAsync(client, key, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        using var json = JsonDocument.Parse(text);
        return json.RootElement.GetProperty("token").GetString()!;
    }

    public static async Task<HttpResponseMessage> GetAsync(HttpClient client, string token, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Embed", token);
        return await client.SendAsync(request);
    }

    /// <returns>The status and the body's OData error code and message (empty for a success).</returns>
    public static async Task<(HttpStatusCode Status, string Code, string Message)> ErrorAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (response.IsSuccessStatusCode)
        {
            return (response.StatusCode, "", "");
        }

        using var json = JsonDocument.Parse(body);
        var error = json.RootElement.GetProperty("error");
        return (response.StatusCode, error.GetProperty("code").GetString()!, error.GetProperty("message").GetString()!);
    }

    public static async Task<(HttpStatusCode Status, string Code)> StatusAndCodeAsync(HttpResponseMessage response)
    {
        var (status, code, _) = await ErrorAsync(response);
        return (status, code);
    }

    /// <summary>The rows of a feed answer read with an embed token, or a failure naming the status and the body.</summary>
    public static async Task<List<JsonElement>> RowsAsync(HttpClient client, string token, string url)
    {
        using var response = await GetAsync(client, token, url);
        return await RowsAsync(response, url);
    }

    public static async Task<List<JsonElement>> RowsAsync(HttpResponseMessage response, string url)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} for {url}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("value").EnumerateArray().Select(r => r.Clone()).ToList();
    }

    /// <summary>The token's payload, read without checking it (the test's own view of the claims).</summary>
    public static JsonElement Payload(string token) =>
        JsonDocument.Parse(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(token.Split('.')[1])).RootElement.Clone();

    public static string Evaluate(string indicator, string period, string? area = null, string? breakdown = null, string? filter = null)
    {
        var parameters = new[] { ("period", period), ("area", area), ("breakdown", breakdown), ("filter", filter) }
            .Where(p => p.Item2 is not null).Select(p => $"{p.Item1}='{Uri.EscapeDataString(p.Item2!.Replace("'", "''", StringComparison.Ordinal))}'");
        return $"/odata/Indicators('{indicator}')/Observatory.Evaluate({string.Join(",", parameters)})";
    }

    private static DashboardDefinition Dashboard(string id, params string[] indicators) => new(
        id, id, "", 1, ["period", "area"], new SlicerDefaults(PeriodType.FinancialYear, null, "City and Hackney"),
        [new DashboardPage("main", "Main", [new TileDefinition("headline", "Headline", TileKind.Headline, indicators, Breakdown.Overall, null, null, 12, null, 1)])],
        $"seed/dashboards/{id}.yaml");

    private sealed class Listing : IEmbeddableDashboards
    {
        public DashboardDefinition? Find(string id) => new[] { TalkingTherapies, HealthChecks, Camhs, GrowingMinds }.FirstOrDefault(d => d.Id == id);
    }
}

/// <summary>The host's clock, moved on at will (the host registers TimeProvider.System; the tests replace it).</summary>
public sealed class MovableTime : TimeProvider
{
    public TimeSpan Ahead { get; set; }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Ahead;
}
