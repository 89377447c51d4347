using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Playwright;
using Observatory.Indicators.Disclosure;
using Observatory.Tests.Support;
using Observatory.Warehouse;

namespace Observatory.Tests.Embedding;

/// <summary>
/// A dashboard embedded in another site's page with the served helper (observatory-embed.js), as the ICS intranet
/// would: the intranet's page (served to Chromium from https://intranet.test by the test) gets tokens from its own
/// server part (the test, minting through POST /embed/tokens), and the dashboard runs in an iframe from the host.
/// Covers a valid token with a locked borough, drill-through inside the lock, each refusal, the lock holding against
/// requests the page did not mean to make, refresh on expiry, and framing by an origin not allowed.
/// </summary>
public class EmbeddingBrowserTests(DemoWarehouses demo, EmbeddingBrowserTests.IntranetChromium chromium) : IClassFixture<EmbeddingBrowserTests.IntranetChromium>
{
    private const string Intranet = "https://intranet.test";
    private const string Dashboard = "talking-therapies";
    private const string Borough = "City of London";

    private static readonly byte[] SigningKey = RandomNumberGenerator.GetBytes(32);

    /// <summary>
    /// Chromium letting a page from a named origin reach the host on 127.0.0.1: its local network access checks would
    /// otherwise stop the intranet's page, which the test serves under a public name, from loading the helper at all.
    /// An intranet and Observatory deployed on their own hosts never meet that check.
    /// </summary>
    public sealed class IntranetChromium : Chromium
    {
        protected override IEnumerable<string> ExtraArguments => ["--disable-features=LocalNetworkAccessChecks,PrivateNetworkAccessRespectPreflightResults"];
    }

    [Fact]
    public async Task AValidTokenShowsTheDashboardInsideItsLockedBoroughWithDrillThrough()
    {
        chromium.Require();
        await using var host = await StartAsync();
        var token = await MintAsync(host, Dashboard, Borough);
        var (page, events) = await IntranetAsync(host, Dashboard, token);
        var frame = page.FrameLocator("iframe");

        await WaitForAsync(events, "loaded");
        var period = await frame.Locator("#slicer-period").InputValueAsync();
        var area = await frame.Locator("#slicer-area").InputValueAsync();
        var disabled = await frame.Locator("#slicer-area").IsDisabledAsync();
        var chip = await frame.Locator(".chip-locked").First.TextContentAsync();
        var overall = await CellAsync(frame, "recovery", "All");
        var stored = await StoredAsync(host, "tt-recovery", period, Borough);
        await page.Locator("iframe").ScrollIntoViewIfNeededAsync();
        await ShowTableAsync(frame, "recovery");
        await frame.Locator("#tile-recovery").GetByRole(AriaRole.Button, new() { Name = "Filter by Black", Exact = true }).ClickAsync();
        await WaitForAsync(events, "select");
        await frame.Locator("#tile-recovery").GetByRole(AriaRole.Button, new() { Name = "Show each ethnic category within Black" }).ClickAsync();
        await frame.Locator("#tile-recovery .table-view tbody th", new() { HasTextString = "Caribbean" }).First.WaitForAsync();

        Assert.Equal(Borough, area);
        Assert.True(disabled);
        Assert.Equal($"Area: {Borough} (locked)", chip);
        Assert.Equal(stored, overall);
    }

    [Fact]
    public async Task TheLockHoldsAgainstRequestsThePageDidNotMeanToMake()
    {
        chromium.Require();
        await using var host = await StartAsync();
        var token = await MintAsync(host, Dashboard, Borough);
        var (page, events) = await IntranetAsync(host, Dashboard, token);
        await WaitForAsync(events, "loaded");
        var frame = page.Frames.Single(f => f.Url.Contains("/embed/dashboards/", StringComparison.Ordinal));

        // The same token, in requests of the frame's own making: other areas' values, another indicator, a wider filter.
        var areas = await FetchAsync(frame, token, "/odata/IndicatorValues?$filter=Area eq 'Hackney' or Area eq 'City and Hackney'&$select=Area&$top=50");
        var other = await FetchAsync(frame, token, "/odata/Indicators('camhs-referrals')/Observatory.Evaluate(period='2022/23',area='City%20of%20London')");
        var hackney = await FetchAsync(frame, token, "/odata/Indicators('tt-recovery')/Observatory.Evaluate(period='2022/23',area='Hackney')");
        var facts = await FetchAsync(frame, token, "/odata/Referrals?$top=1");
        await page.EvaluateAsync("() => view.setFilters({ area: 'Hackney' })");
        await frame.WaitForFunctionAsync("() => Number(document.documentElement.dataset.painted) >= 2");

        // Naming areas outside the lock is refused, as for a caller limited to a borough.
        Assert.Equal(403, areas.Status);
        Assert.Contains("OutsideScope", areas.Body, StringComparison.Ordinal);
        Assert.Equal(403, other.Status);
        Assert.Equal(403, hackney.Status);
        Assert.Equal(403, facts.Status);
        Assert.Equal(Borough, await frame.Locator("#slicer-area").InputValueAsync());
    }

    [Theory]
    [InlineData("tampered", "EmbedTokenInvalid")]
    [InlineData("expired", "EmbedTokenExpired")]
    [InlineData("other dashboard", "EmbedTokenOtherDashboard")]
    public async Task ARefusedTokenIsExplainedInTheFrameAndToTheEmbeddingPage(string kind, string code)
    {
        chromium.Require();
        await using var host = await StartAsync();
        var token = kind switch
        {
            "tampered" => Tamper(await MintAsync(host, Dashboard, Borough)),
            "expired" => Expired(Dashboard, Borough),
            _ => await MintAsync(host, "camhs", Borough),
        };
        var (page, events) = await IntranetAsync(host, Dashboard, token, renew: false);
        var frame = page.FrameLocator("iframe");

        await WaitForAsync(events, "error");
        var shown = await frame.Locator("[role=alert]").TextContentAsync();
        var errors = (await events()).Where(e => e.Type == "error").Select(e => e.Text).ToList();

        using var client = new HttpClient { BaseAddress = host.Address };
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"Embed {token}");
        using var config = await client.GetAsync(new Uri($"embed/dashboards/{Dashboard}/config", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Contains(shown, errors);
        Assert.Contains(kind switch { "tampered" => "not valid", "expired" => "expired", _ => "not 'talking-therapies'" }, shown, StringComparison.Ordinal);
        Assert.Equal(kind == "other dashboard" ? 403 : 401, (int)config.StatusCode);
        Assert.Contains($"\"code\":\"{code}\"", await config.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnExpiringTokenIsRenewedThroughTheEmbeddingServer()
    {
        chromium.Require();
        await using var host = await StartAsync();
        // A token with under a minute left: the page asks for a new one at once, and goes on with it.
        var token = await MintAsync(host, Dashboard, Borough, minutes: 1);
        var (page, events) = await IntranetAsync(host, Dashboard, token);
        var frame = page.FrameLocator("iframe");

        await WaitForAsync(events, "renewed");
        await WaitForAsync(events, "loaded");
        await frame.Locator("#slicer-gender").SelectOptionAsync("Male (including trans man)");
        await frame.Locator("html[data-painted='2']").WaitForAsync();
        var states = await frame.Locator(".tile").EvaluateAllAsync<string[]>("ts => ts.map(t => t.dataset.state)");

        Assert.All(states, s => Assert.Equal("ready", s));
    }

    [Fact]
    public async Task AnOriginNotAllowedCannotFrameTheDashboard()
    {
        chromium.Require();
        await using var host = await StartAsync();
        var token = await MintAsync(host, Dashboard, Borough);
        var (page, events) = await IntranetAsync(host, Dashboard, token, origin: "https://elsewhere.test");

        await Task.Delay(3000, TestContext.Current.CancellationToken);

        Assert.DoesNotContain(await events(), e => e.Type == "loaded");
        Assert.Empty(await page.FrameLocator("iframe").Locator("#dashboard").AllAsync());
    }

    private async Task<RunningHost> StartAsync()
    {
        var options = await demo.GetAsync(WarehouseProvider.Sqlite);
        return await RunningHost.StartAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings:Warehouse"] = options.ConnectionString, ["Disclosure:Demo"] = DisclosureLevel.Controlled,
            ["Embedding:SigningKey"] = Convert.ToBase64String(SigningKey), ["Embedding:AllowedOrigins:0"] = Intranet,
        });
    }

    /// <summary>The embedding server's part: a token for a dashboard with its borough locked, minted by the demo's caller (an Admin).</summary>
    private static async Task<string> MintAsync(RunningHost host, string dashboard, string borough, int minutes = 10)
    {
        using var client = new HttpClient { BaseAddress = host.Address };
        using var response = await client.PostAsJsonAsync(new Uri("embed/tokens", UriKind.Relative),
            new { dashboard, filters = new Dictionary<string, string[]> { ["borough"] = [borough] }, disclosure = DisclosureLevel.Controlled, minutes });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("token").GetString()!;
    }

    private sealed record PageEvent(string Type, string Text);

    private static readonly List<string> Log = [];

    /// <summary>The intranet's page embedding the dashboard with the helper; its events are read back from window.events.</summary>
    private async Task<(IPage Page, Func<Task<IReadOnlyList<PageEvent>>> Events)> IntranetAsync(RunningHost host, string dashboard, string token, bool renew = true, string origin = Intranet)
    {
        var page = await chromium.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
        page.Console += (_, message) => Log.Add($"{message.Type}: {message.Text}");
        page.PageError += (_, error) => Log.Add($"page error: {error}");
        page.RequestFailed += (_, request) => Log.Add($"failed: {request.Url} {request.Failure}");
        var observatory = host.Address.ToString();
        var html = $$"""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>ICS intranet</title></head><body>
            <h1>ICS intranet: board pack</h1><div id="board" style="height: 1600px"></div>
            <script src="{{observatory}}embed/observatory-embed.js"></script>
            <script>
              window.events = [];
              const note = (type, text) => events.push({ type, text: text == null ? '' : String(text) });
              window.view = Observatory.embed(document.getElementById('board'), {
                url: '{{observatory}}', dashboard: '{{dashboard}}', token: '{{token}}',
                onLoaded: info => note('loaded', info.tiles), onSelect: s => note('select', s.group), onError: e => note('error', e.message),
                onTokenExpired: () => {{(renew ? "fetch('/token').then(r => r.json()).then(j => { note('renewed'); return j.token; })" : "Promise.reject(new Error('no renewal'))")}}
              });
            </script></body></html>
            """;
        await page.RouteAsync($"{origin}/**", async route =>
        {
            if (route.Request.Url.EndsWith("/token", StringComparison.Ordinal))
            {
                var fresh = await MintAsync(host, dashboard, Borough);
                await route.FulfillAsync(new() { ContentType = "application/json", Body = JsonSerializer.Serialize(new { token = fresh }) });
                return;
            }

            await route.FulfillAsync(new() { ContentType = "text/html; charset=utf-8", Body = html });
        });
        await page.GotoAsync($"{origin}/");
        return (page, async () => JsonSerializer.Deserialize<PageEvent[]>(await page.EvaluateAsync<string>("() => JSON.stringify(window.events || [])"), Json)!);
    }

    private static async Task<string> WaitForAsync(Func<Task<IReadOnlyList<PageEvent>>> events, string type)
    {
        for (var wait = 0; wait < 300; wait++)
        {
            if ((await events()).FirstOrDefault(e => e.Type == type) is { } found)
            {
                return found.Text;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The embedding page saw no '{type}' event: {string.Join(", ", (await events()).Select(e => $"{e.Type} {e.Text}"))}; console: {string.Join(" | ", Log)}");
    }

    private static async Task ShowTableAsync(IFrameLocator frame, string tile)
    {
        var toggle = frame.Locator($"#tile-{tile} .toggle-table");
        if (await toggle.GetAttributeAsync("aria-pressed") != "true")
        {
            await toggle.ClickAsync();
        }
    }

    private static async Task<string> CellAsync(IFrameLocator frame, string tile, string group)
    {
        await ShowTableAsync(frame, tile);
        return (await frame.Locator($"#tile-{tile} .table-view tbody tr", new() { Has = frame.Locator("th", new() { HasTextString = group }) }).First.Locator("td").Nth(1).TextContentAsync())!;
    }

    /// <summary>The stored controlled value for the borough, as the tile writes it.</summary>
    private static async Task<string> StoredAsync(RunningHost host, string indicator, string period, string area)
    {
        using var client = new HttpClient { BaseAddress = host.Address };
        using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri(
            $"odata/IndicatorValues?$filter=IndicatorId eq '{indicator}' and Period eq '{period}' and Area eq '{area}' and Breakdown eq 'overall'&$select=Value", UriKind.Relative)));
        return Dashboards.DashboardBrowser.Percent(json.RootElement.GetProperty("value")[0].GetProperty("Value").GetDouble());
    }

    private sealed record Fetched(int Status, string Body);

    private static async Task<Fetched> FetchAsync(IFrame frame, string token, string url) => JsonSerializer.Deserialize<Fetched>(
        await frame.EvaluateAsync<string>("async ([url, token]) => { const r = await fetch(url, { headers: { Authorization: 'Embed ' + token } }); return JSON.stringify({ status: r.status, body: await r.text() }); }", new[] { url, token }), Json)!;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The token with one character of its payload changed: the signature no longer matches.</summary>
    private static string Tamper(string token)
    {
        var parts = token.Split('.');
        var payload = parts[1].ToCharArray();
        payload[10] = payload[10] == 'A' ? 'B' : 'A';
        return $"{parts[0]}.{new string(payload)}.{parts[2]}";
    }

    /// <summary>A token signed with the host's key whose expiry has passed, as one kept too long would be.</summary>
    private static string Expired(string dashboard, string borough)
    {
        var now = DateTimeOffset.UtcNow;
        var payload = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["iss"] = "observatory", ["aud"] = "observatory-embedded-dashboard", ["sub"] = "demo", ["jti"] = Guid.NewGuid().ToString("N"),
            ["iat"] = now.AddMinutes(-20).ToUnixTimeSeconds(), ["nbf"] = now.AddMinutes(-20).ToUnixTimeSeconds(), ["exp"] = now.AddMinutes(-10).ToUnixTimeSeconds(),
            ["dashboard"] = dashboard, ["locks"] = new Dictionary<string, string[]> { ["borough"] = [borough] }, ["disclosure"] = DisclosureLevel.Controlled,
        });
        var key = new SymmetricSecurityKey(SigningKey) { KeyId = Convert.ToHexStringLower(SHA256.HashData(SigningKey))[..16] };
        return new JsonWebTokenHandler().CreateToken(payload, new SigningCredentials(key, SecurityAlgorithms.HmacSha256));
    }
}
